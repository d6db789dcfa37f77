"""Escalating a ticket up the support tiers and handing it back to L1."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from serviceloop.routing import tiers
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import get_visible_ticket

from ..auth import actor
from ..errors import responses
from ..schemas.escalations import DeEscalationIn, EscalationIn, HandOffOut, HandOffPage

router = Router(tags=["escalations"])


def _ticket(request: HttpRequest, ref: str) -> Ticket:
    return get_visible_ticket(actor(request), ref)


@router.get("/tickets/{ref}/escalations", response=responses({200: HandOffPage}, 404))
def list_escalations(request: HttpRequest, ref: str):
    """The ticket's current tier and its hand-offs between tiers, newest first."""
    ticket = _ticket(request, ref)
    return {"current_tier": tiers.current_tier(ticket), "items": list(tiers.hand_offs(ticket))}


@router.post("/tickets/{ref}/escalations", response=responses({201: HandOffOut}, 400, 403, 404, 409))
def escalate_ticket(request: HttpRequest, ref: str, payload: EscalationIn):
    """Escalate to a higher tier with the reason and what was tried (409 for a move that is not up)."""
    hand_off = tiers.escalate(
        actor(request), _ticket(request, ref), payload.to_tier, payload.reason, payload.tried,
        team=payload.team_id, assignee=payload.assignee_id, channel=Channel.API,
    )  # fmt: skip
    return Status(201, hand_off)


@router.post("/tickets/{ref}/de-escalations", response=responses({201: HandOffOut}, 400, 403, 404, 409))
def de_escalate_ticket(request: HttpRequest, ref: str, payload: DeEscalationIn):
    """Hand the ticket back to L1 (by default the agent who escalated it) for the customer follow-up."""
    hand_off = tiers.de_escalate(
        actor(request),
        _ticket(request, ref),
        payload.reason,
        to_user=payload.assignee_id,
        channel=Channel.API,
    )
    return Status(201, hand_off)
