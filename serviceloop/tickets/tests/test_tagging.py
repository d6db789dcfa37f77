"""Tags: set replaces, add keeps what the ticket has and does not ask which it has when known."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services.tagging import add_tags, set_tags, tag_names


def test_adding_keeps_the_tickets_tags_and_skips_those_it_has(world):
    ticket = world.ticket(tags=["Hydraulics", "漏油"])
    add_tags(ticket, ["漏油", " Spindle ", ""])
    expected = ["hydraulics", "spindle", "漏油"]
    assert tag_names(ticket) == expected  # remembered for the answer
    assert tag_names(Ticket.objects.get(pk=ticket.pk)) == expected  # and stored


def test_adding_to_a_ticket_whose_tags_are_known_does_not_read_them(world):
    ticket = world.ticket(tags=["hydraulics"])  # its tags are remembered by the creation
    with CaptureQueriesContext(connection) as statements:
        add_tags(ticket, ["spindle"])
    link_table = Ticket.tags.through._meta.db_table
    touching = [q["sql"] for q in statements.captured_queries if link_table in q["sql"]]
    assert len(touching) == 1 and touching[0].startswith("INSERT")


def test_setting_replaces_the_tickets_tags(world):
    ticket = world.ticket(tags=["hydraulics", "spindle"])
    set_tags(Ticket.objects.get(pk=ticket.pk), ["漏油"])
    assert tag_names(Ticket.objects.get(pk=ticket.pk)) == ["漏油"]
