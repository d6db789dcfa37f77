"""Similar solved tickets: the bounded candidate query behind the suggestions panel (issue 6 speed)."""

from __future__ import annotations

from django.utils import timezone

from serviceloop.knowledge.services import suggestions as service
from serviceloop.knowledge.services.suggestions import similar_solved_tickets
from serviceloop.tickets.models import Ticket


def _solve(ticket: Ticket, status: str = "resolved") -> Ticket:
    Ticket.objects.filter(pk=ticket.pk).update(status=status, resolved_at=timezone.now())
    ticket.refresh_from_db()
    return ticket


def test_only_the_newest_received_matching_tickets_are_ranked(world, monkeypatch):
    oldest = world.ticket(subject="Spindle grinding noise")
    middle = _solve(world.ticket(subject="Spindle grinding at 4000 rpm"))
    newest = _solve(world.ticket(subject="Grinding from the spindle"))
    _solve(oldest)  # solved last, yet received first: not among the newest two
    monkeypatch.setattr(service, "CANDIDATES", 2)
    found = {s.ticket for s in similar_solved_tickets(world.agent, world.ticket())}
    assert found == {middle, newest}


def test_a_ticket_matching_in_its_messages_only_is_found_below_subject_matches(world):
    by_subject = _solve(world.ticket(subject="Spindle grinding noise"))
    by_message = _solve(world.ticket(subject="Lathe sounds odd", body="The spindle grinds when warm."))
    _solve(world.ticket(subject="Coolant pump does not run", body="The pump is silent."))
    other_model = world.ticket(subject="Spindle noise", machine_id=world.machine_b.pk)  # no model bonus
    found = similar_solved_tickets(world.agent, other_model)
    assert [s.ticket for s in found] == [by_subject, by_message]
    assert found[1].score == 0.5


def test_what_the_panel_shows_of_a_similar_ticket_costs_no_further_query(world, django_assert_num_queries):
    _solve(world.ticket(subject="Spindle grinding noise"), status="closed")
    ticket = world.ticket()
    with django_assert_num_queries(1):
        found = similar_solved_tickets(world.agent, ticket)
        shown = [(s.ticket.number, s.ticket.subject, s.ticket.get_status_display()) for s in found]
    assert shown and shown[0][1] == "Spindle grinding noise"


def test_quotes_and_search_operators_in_a_subject_are_words_not_syntax(world):
    solved = _solve(world.ticket(subject='Alarm "E-42" OR NOT spindle* (NEAR)'))
    found = similar_solved_tickets(world.agent, world.ticket(subject='Alarm "E-42" OR NOT spindle* (NEAR)'))
    assert [s.ticket for s in found] == [solved]
