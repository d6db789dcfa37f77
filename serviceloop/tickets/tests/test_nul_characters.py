"""A NUL character (U+0000) in any text a face hands the ticket services is refused naming the field,
before anything is written: PostgreSQL cannot store or compare it, and SQLite must answer the same."""

import io

import pytest

from serviceloop.core.errors import InvalidInput, NotFound
from serviceloop.customers.models import Contact
from serviceloop.tickets.models import Message, Status, Ticket, TicketEvent
from serviceloop.tickets.services import (
    TicketFilter,
    Upload,
    add_attachment,
    add_message,
    filter_tickets,
    get_visible_ticket,
    transition,
    update_ticket,
)
from serviceloop.tickets.services.validation import resolve

NUL = "grinding\x00noise"


def _refused(excinfo, field: str) -> None:
    assert excinfo.value.field == field
    assert "NUL" in excinfo.value.message and "\x00" not in excinfo.value.message


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"subject": NUL}, "subject"),
        ({"body": NUL}, "body"),
        ({"author_name": NUL}, "author_name"),
        ({"tags": ["noise", NUL]}, "tags"),
        ({"commitments": [(NUL, None)]}, "commitments"),
    ],
)
def test_a_ticket_with_a_nul_is_not_opened(world, fields, field):
    with pytest.raises(InvalidInput) as excinfo:
        world.ticket(**fields)
    _refused(excinfo, field)
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "body, author_name, field", [(NUL, "Anna", "body"), ("Fine now.", NUL, "author_name")]
)
def test_a_reply_with_a_nul_is_not_added(world, body, author_name, field):
    ticket = world.ticket()
    with pytest.raises(InvalidInput) as excinfo:
        add_message(world.agent, ticket, body, author_name=author_name)
    _refused(excinfo, field)
    assert Message.objects.filter(ticket=ticket).count() == 1


@pytest.mark.parametrize("changes, field", [({"subject": NUL}, "subject"), ({"tags": [NUL]}, "tags")])
def test_a_change_with_a_nul_changes_nothing(world, changes, field):
    ticket = world.ticket()
    with pytest.raises(InvalidInput) as excinfo:
        update_ticket(world.agent, ticket, changes)
    _refused(excinfo, field)
    ticket.refresh_from_db()
    assert (ticket.subject, ticket.version, ticket.tags.count()) == ("Spindle makes a grinding noise", 1, 0)
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1


def test_a_transition_comment_with_a_nul_moves_nothing(world):
    ticket = world.ticket()
    with pytest.raises(InvalidInput) as excinfo:
        transition(world.agent, ticket, "take", comment=NUL)
    _refused(excinfo, "comment")
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW and ticket.assignee is None


@pytest.mark.parametrize(
    "filters, field",
    [
        ({"q": NUL}, "q"),
        ({"q": "\x00"}, "q"),
        ({"channel": NUL}, "channel"),
        ({"view": NUL}, "view"),
        ({"sort": NUL}, "sort"),
        ({"status": [Status.NEW, NUL]}, "status"),
    ],
)
def test_a_filter_with_a_nul_is_refused_naming_it(world, filters, field):
    world.ticket()
    with pytest.raises(InvalidInput) as excinfo:
        list(filter_tickets(world.agent, TicketFilter(**filters)))
    _refused(excinfo, field)


def test_echoed_references_never_carry_the_nul(world):
    """Messages are stored (a receipt keeps the error it was refused with) and shown: U+FFFD stands in."""
    with pytest.raises(NotFound) as not_found:
        get_visible_ticket(world.agent, "SL-2026-\x00")
    assert not_found.value.message == "No ticket SL-2026-\ufffd."
    with pytest.raises(InvalidInput) as invalid:
        resolve(Contact, "7\x00", "contact_id")
    assert "\x00" not in invalid.value.message and "7\ufffd" in invalid.value.message


@pytest.mark.parametrize(
    "claimed, stored",
    [
        ("application/x-\x00trace", "application/octet-stream"),
        ("application/x trace", "application/octet-stream"),
        ("Application/X-Trace; charset=utf-8", "application/x-trace"),
    ],
)
def test_an_attachment_is_served_as_a_well_formed_type_only(world, claimed, stored):
    ticket = world.ticket()
    upload = Upload(name="trace.dat7", content_type=claimed, content=io.BytesIO(b"\x00\x01"), size=2)
    attachment = add_attachment(world.agent, ticket, upload)
    attachment.refresh_from_db()
    assert attachment.content_type == stored
