"""After the fix: a customer's answer recorded by staff, and remote assistance sessions.

Customers answer through the ticket's transitions (confirm_fix, reject_fix) or the mail's links."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from serviceloop.solutions.models import Verification
from serviceloop.solutions.services import remote_sessions, verification
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import get_visible_ticket

from ..auth import actor
from ..errors import responses
from ..pagination import paginate
from ..schemas.common import PageQuery
from ..schemas.verification import (
    PhoneAnswerIn,
    RemoteSessionIn,
    RemoteSessionOut,
    RemoteSessionPage,
    VerificationOut,
)

router = Router(tags=["verification and remote assistance"])


def _ticket(request: HttpRequest, ref: str) -> Ticket:
    return get_visible_ticket(actor(request), ref, queryset=Ticket.objects.select_related("contact"))


def _round_out(ticket: Ticket) -> dict:
    row = Verification.objects.filter(ticket=ticket).select_related("by").order_by("-round").first()
    fields = (
        "round",
        "requested_at",
        "reminded_at",
        "answered_at",
        "outcome",
        "via",
        "by",
        "by_name",
        "note",
    )
    return {**{name: getattr(row, name) for name in fields}, "ticket_status": ticket.status}


@router.post("/tickets/{ref}/verification", response=responses({200: VerificationOut}, 400, 403, 404, 409))
def record_verification(request: HttpRequest, ref: str, payload: PhoneAnswerIn):
    """Staff record the customer's answer given by phone: works resolves the ticket, not_fixed reopens it
    (its solution plans stay, and a new version can be written)."""
    ticket = _ticket(request, ref)
    verification.record_phone_answer(actor(request), ticket, payload.outcome, payload.note)
    return _round_out(ticket)


@router.get("/tickets/{ref}/remote-sessions", response=responses({200: RemoteSessionPage}, 403, 404))
def list_remote_sessions(request: HttpRequest, ref: str, page: Query[PageQuery]):
    """The ticket's remote assistance sessions, oldest first (staff and partners)."""
    user = actor(request)
    rows = remote_sessions.visible_sessions(user, _ticket(request, ref))
    items, next_cursor = paginate(rows, ["started_at", "id"], cursor=page.cursor, limit=page.limit,
                                  tag="remote-sessions")  # fmt: skip
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/tickets/{ref}/remote-sessions", response=responses({201: RemoteSessionOut}, 400, 403, 404, 409)
)
def record_remote_session(request: HttpRequest, ref: str, payload: RemoteSessionIn):
    session = remote_sessions.record_session(
        actor(request), _ticket(request, ref), tool=payload.tool, started_at=payload.started_at,
        ended_at=payload.ended_at, summary=payload.summary, channel=Channel.API,
    )  # fmt: skip
    return Status(201, session)
