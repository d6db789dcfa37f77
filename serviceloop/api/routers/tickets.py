"""Tickets: open, list, read, change, move through the lifecycle, and read their history."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from serviceloop.tickets import services
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services.creation import check_new_ticket, open_checked
from serviceloop.tickets.services.listing import SORTS
from serviceloop.tickets.services.paging import ticket_page

from ..auth import actor
from ..bodies import documented, receive_json_checked
from ..errors import responses
from ..pagination import page_of, paginate
from ..schemas.common import PageQuery
from ..schemas.sla import MilestoneIn, TicketDetailOut
from ..schemas.tickets import (
    HistoryPage,
    TicketIn,
    TicketOut,
    TicketPage,
    TicketPatch,
    TicketQuery,
    TransitionIn,
)

router = Router(tags=["tickets"])
_RELATED = ("organisation", "contact", "machine", "product_model", "product_module", "fault_type", "team",
            "assignee")  # fmt: skip


def ticket_queryset() -> Any:
    return Ticket.objects.select_related(*_RELATED).prefetch_related("tags")


def visible_ticket(request: HttpRequest, ref: str) -> Ticket:
    return services.get_visible_ticket(actor(request), ref, queryset=ticket_queryset())


def _draft(data: TicketIn) -> services.NewTicket:
    fields = data.model_dump(exclude={"commitments"})
    commitments = [(c.promise, c.due_at) for c in data.commitments]
    return services.NewTicket(**fields, commitments=commitments)


@router.post("/tickets", response=responses({201: TicketOut}, 400, 403), openapi_extra=documented(TicketIn))
def create_ticket(request: HttpRequest):
    """Open a ticket. The body is stored as received before it is checked, so nothing sent is lost."""
    user = actor(request)
    ticket = receive_json_checked(
        request, TicketIn, lambda data: check_new_ticket(user, _draft(data)), lambda c: open_checked(c).ticket
    )
    # The new ticket already holds its related rows; reading it back would only cost queries.
    return Status(201, ticket)


@router.get("/tickets", response=responses({200: TicketPage}))
def list_tickets(request: HttpRequest, filters: Query[TicketQuery]):
    """Tickets you may see, filtered and sorted; follow `next_cursor` for the next page."""
    wanted = services.TicketFilter(**filters.model_dump(exclude={"cursor", "limit"}))
    if not filters.cursor:  # the first page: a search for words many tickets share is found at once
        rows = ticket_page(actor(request), wanted, 0, filters.limit + 1, base=ticket_queryset())
        items, next_cursor = page_of(rows, Ticket, SORTS[wanted.sort], limit=filters.limit, tag=wanted.sort)
        return {"items": items, "next_cursor": next_cursor}
    tickets = services.filter_tickets(actor(request), wanted, base=ticket_queryset())
    items, next_cursor = paginate(
        tickets, SORTS[wanted.sort], cursor=filters.cursor, limit=filters.limit, tag=wanted.sort
    )
    return {"items": items, "next_cursor": next_cursor}


@router.get("/tickets/{ref}", response=responses({200: TicketDetailOut}, 404))
def read_ticket(request: HttpRequest, ref: str):
    """A ticket by number (SL-2026-000123) or id, with its service-level clocks."""
    return visible_ticket(request, ref)


@router.patch("/tickets/{ref}", response=responses({200: TicketOut}, 400, 403, 404, 409))
def update_ticket(request: HttpRequest, ref: str, payload: TicketPatch):
    """Change the fields sent; send the `version` you read to refuse overwriting someone else's change."""
    ticket = visible_ticket(request, ref)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version", None)
    services.update_ticket(actor(request), ticket, changes, expected_version=version, channel=Channel.API)
    return visible_ticket(request, ref)


@router.post("/tickets/{ref}/transitions", response=responses({200: TicketOut}, 400, 403, 404, 409))
def transition_ticket(request: HttpRequest, ref: str, payload: TransitionIn):
    """Move the ticket through its lifecycle; an illegal move answers 409 saying why."""
    ticket = visible_ticket(request, ref)
    services.transition(
        actor(request), ticket, payload.action, comment=payload.comment, expected_version=payload.version,
        channel=Channel.API, merge_into=payload.merge_into,
    )  # fmt: skip
    return visible_ticket(request, ref)


@router.post("/tickets/{ref}/milestones", response=responses({201: TicketDetailOut}, 400, 403, 404, 409))
def record_milestone(request: HttpRequest, ref: str, payload: MilestoneIn):
    """Record that a milestone happened (a remote contact, the engineer's arrival on site, an order
    confirmed, a delivery, the call back after it): the service levels meet or start their clocks."""
    ticket = visible_ticket(request, ref)
    services.record_milestone(
        actor(request), ticket, payload.milestone, at=payload.at, note=payload.note, channel=Channel.API
    )
    return Status(201, visible_ticket(request, ref))


@router.get("/tickets/{ref}/history", response=responses({200: HistoryPage}, 404))
def ticket_history(request: HttpRequest, ref: str, page: Query[PageQuery]):
    """Who changed what and when, oldest first."""
    user = actor(request)
    rows = services.visible_history(user, services.get_visible_ticket(user, ref))
    items, next_cursor = paginate(rows, ["at", "id"], cursor=page.cursor, limit=page.limit, tag="history")
    return {"items": items, "next_cursor": next_cursor}
