"""Changing many tickets at once: each through its own service call, each outcome reported."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.core.errors import Forbidden, InvalidInput
from serviceloop.tickets.models import Status, Ticket, TicketEvent
from serviceloop.tickets.services import transition, update_ticket
from serviceloop.tickets.services.bulk import MAX_TICKETS, Change, TicketRef, apply_to_many, summary
from serviceloop.tickets.services.tagging import tag_names


def refs(*tickets: Ticket) -> list[TicketRef]:
    return [TicketRef(t.number, t.version) for t in tickets]


def fresh(ticket: Ticket) -> Ticket:
    return Ticket.objects.get(pk=ticket.pk)


def test_assigning_several_tickets_changes_each_and_records_its_history(world):
    tickets = [world.ticket() for _ in range(3)]
    outcomes = apply_to_many(world.agent, refs(*tickets), Change("assign", assignee_id=world.engineer.pk))
    assert [(o.number, o.ok, o.message) for o in outcomes] == [(t.number, True, "done") for t in tickets]
    assert {fresh(t).assignee_id for t in tickets} == {world.engineer.pk}
    assert (
        TicketEvent.objects.filter(name="ticket.assigned", field="assignee", actor=world.agent).count() == 3
    )


def test_moving_to_a_team_and_classifying(world):
    a, b = world.ticket(), world.ticket()
    apply_to_many(world.agent, refs(a, b), Change("team", team_id=world.team.pk))
    assert {fresh(a).team_id, fresh(b).team_id} == {world.team.pk}
    a, b = fresh(a), fresh(b)
    apply_to_many(world.agent, refs(a, b), Change("classify", impact="stopped"))
    # The priority follows urgency and impact, as the ticket's own edit form makes it.
    assert [(t.urgency, t.impact, t.priority) for t in (fresh(a), fresh(b))] == [("normal", "stopped", 1)] * 2


def test_adding_tags_keeps_the_tags_a_ticket_has(world):
    a, b = world.ticket(), world.ticket()
    update_ticket(world.agent, a, {"tags": ["spindle"]})
    outcomes = apply_to_many(world.agent, refs(a, b), Change("tags", tags=("Recall-2026", "spindle")))
    assert all(o.ok for o in outcomes)
    assert tag_names(fresh(a)) == ["recall-2026", "spindle"]
    assert tag_names(fresh(b)) == ["recall-2026", "spindle"]


def test_lifecycle_actions_refuse_the_tickets_whose_state_does_not_allow_them(world):
    new, resolved = world.ticket(), world.ticket()
    transition(world.agent, resolved, "take")
    transition(world.agent, resolved, "resolve")
    outcomes = apply_to_many(world.agent, refs(new, resolved), Change("close"))
    assert [o.ok for o in outcomes] == [False, True]
    assert outcomes[0].message.startswith("Cannot close a ticket that is New")
    assert (fresh(new).status, fresh(resolved).status) == (Status.NEW, Status.CLOSED)
    assert summary(outcomes) == (1, 1)


def test_taking_several_makes_them_the_takers(world):
    tickets = [world.ticket(assignee_id=world.engineer.pk) for _ in range(2)]
    apply_to_many(world.agent, refs(*tickets), Change("take"))
    assert {(fresh(t).status, fresh(t).assignee_id) for t in tickets} == {(Status.OPEN, world.agent.pk)}


def test_a_ticket_changed_since_the_list_was_shown_is_refused_and_the_others_are_kept(world):
    a, stale, c = world.ticket(), world.ticket(), world.ticket()
    shown = refs(a, stale, c)
    update_ticket(world.engineer, stale, {"category": "order"})  # someone else, after the list was shown
    outcomes = apply_to_many(world.agent, shown, Change("cancel"))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "was changed by someone else" in outcomes[1].message
    assert [fresh(t).status for t in (a, stale, c)] == [Status.CANCELLED, Status.NEW, Status.CANCELLED]


def test_a_refused_value_is_reported_per_ticket(world):
    a, b = world.ticket(), world.ticket()
    outcomes = apply_to_many(world.agent, refs(a, b), Change("assign", assignee_id=world.customer.pk))
    assert not any(o.ok for o in outcomes)
    assert outcomes[0].message == "assignee_id: tickets can only be assigned to service staff."


def test_unknown_and_invisible_tickets_are_not_found(world):
    ours = world.ticket()
    outcomes = apply_to_many(
        world.agent, [TicketRef("SL-1999-999999", 1), TicketRef("nonsense", 1), *refs(ours)], Change("take")
    )
    assert [(o.number, o.ok, o.message) for o in outcomes] == [
        ("SL-1999-999999", False, "not found"), ("NONSENSE", False, "not found"), (ours.number, True, "done"),
    ]  # fmt: skip


def test_the_same_ticket_twice_is_changed_once(world):
    t = world.ticket()
    outcomes = apply_to_many(world.agent, [*refs(t), TicketRef(t.number.lower(), t.version)], Change("take"))
    assert [o.number for o in outcomes] == [t.number]


def test_more_than_the_limit_is_refused_before_any_change(world):
    t = world.ticket()
    too_many = [TicketRef(t.number, 1)] + [TicketRef(f"SL-2000-{n:06d}", 1) for n in range(MAX_TICKETS)]
    with pytest.raises(InvalidInput, match="At most 100 tickets can be changed at once; 101 were selected"):
        apply_to_many(world.agent, too_many, Change("take"))
    assert fresh(t).status == Status.NEW


@pytest.mark.parametrize("role", ["customer", "partner_a_tech", "quality"])
def test_only_those_who_change_tickets_may_change_them_in_bulk(world, role):
    t = world.ticket()
    with pytest.raises(Forbidden):
        apply_to_many(getattr(world, role), refs(t), Change("take"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Change("classify"), "Choose an urgency or an impact."),
        (Change("tags", tags=(" ",)), "Name at least one tag to add."),
        (Change("merge"), "Unknown bulk change 'merge'."),
    ],
)
def test_a_change_that_cannot_succeed_is_refused_whole(world, change, message):
    t = world.ticket()
    with pytest.raises(InvalidInput, match=message):
        apply_to_many(world.agent, refs(t), change)
    assert fresh(t).version == t.version


def test_the_selected_tickets_are_read_in_one_query(world):
    tickets = [world.ticket() for _ in range(4)]
    with CaptureQueriesContext(connection) as ctx:
        apply_to_many(world.agent, refs(*tickets), Change("team", team_id=world.team.pk))
    by_number = [q["sql"] for q in ctx.captured_queries if '"tickets_ticket"."number" IN' in q["sql"]]
    assert len(by_number) == 1
    assert all(t.number in by_number[0] for t in tickets)
