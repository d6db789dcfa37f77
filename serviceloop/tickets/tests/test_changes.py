import pytest

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.tickets.models import Ticket, TicketEvent
from serviceloop.tickets.services import assign, update_ticket


def test_each_changed_field_writes_one_history_row(world):
    t = world.ticket()
    update_ticket(world.agent, t, {"urgency": "critical", "impact": "stopped", "subject": t.subject})
    rows = TicketEvent.objects.filter(ticket=t, name="ticket.updated")
    assert sorted(rows.values_list("field", "old_value", "new_value")) == [
        ("impact", "minor", "stopped"), ("priority", "4", "1"), ("urgency", "normal", "critical"),
    ]  # fmt: skip
    assert t.version == 2


def test_two_agents_assigning_at_once_one_wins_the_other_is_told(world):
    t = world.ticket()
    first = Ticket.objects.get(pk=t.pk)
    second = Ticket.objects.get(pk=t.pk)
    assign(world.agent, first, assignee_id=world.agent.pk, team_id=world.team.pk)
    with pytest.raises(Conflict, match="changed by someone else"):
        assign(world.supervisor, second, assignee_id=world.engineer.pk, team_id=world.team.pk)
    t.refresh_from_db()
    assert t.assignee == world.agent
    assert TicketEvent.objects.filter(ticket=t, name="ticket.assigned", field="assignee").count() == 1


def test_stale_version_from_a_form_is_refused(world):
    t = world.ticket()
    update_ticket(world.agent, t, {"category": "technical"})
    with pytest.raises(Conflict):
        update_ticket(world.engineer, Ticket.objects.get(pk=t.pk), {"category": "order"}, expected_version=1)


def test_unknown_or_foreign_values_are_refused(world):
    t = world.ticket()
    with pytest.raises(InvalidInput, match="cannot be changed"):
        update_ticket(world.agent, t, {"number": "SL-1"})
    with pytest.raises(InvalidInput, match="another organisation"):
        update_ticket(world.agent, t, {"machine_id": world.other_machine.pk})
    with pytest.raises(InvalidInput, match="service staff"):
        update_ticket(world.agent, t, {"assignee_id": world.customer.pk})


def test_changing_the_machine_updates_the_model(world):
    t = world.ticket()
    update_ticket(world.agent, t, {"machine_id": world.machine_b.pk})
    t.refresh_from_db()
    assert t.product_model == world.model_b


def test_quality_and_customers_cannot_edit(world):
    t = world.ticket()
    for user in (world.quality, world.customer, world.partner_a_tech):
        with pytest.raises(Forbidden):
            update_ticket(user, t, {"urgency": "high"})


def test_history_is_append_only(world):
    event = TicketEvent.objects.filter(ticket=world.ticket()).get()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_watchers_are_staff_who_choose_to_follow(world):
    from serviceloop.tickets.services import set_watching

    t = world.ticket()
    set_watching(world.engineer, t, True)
    set_watching(world.supervisor, t, True, user=world.agent)
    assert set(t.watchers.all()) == {world.engineer, world.agent}
    set_watching(world.engineer, t, False)
    assert set(t.watchers.all()) == {world.agent}
    with pytest.raises(InvalidInput):
        set_watching(world.agent, t, True, user=world.customer)
    with pytest.raises(Forbidden):
        set_watching(world.quality, t, True, user=world.agent)
