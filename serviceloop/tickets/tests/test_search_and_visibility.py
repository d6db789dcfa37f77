import pytest

from serviceloop.core.errors import NotFound
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import add_message, get_visible_ticket, search_tickets, update_ticket


def found(query):
    return set(search_tickets(Ticket.objects.all(), query).values_list("number", flat=True))


def test_search_finds_numbers_subjects_bodies_organisations_and_serials(world):
    spindle = world.ticket()
    chinese = world.ticket(
        subject="数控机床主轴异响", body="客户反映主轴在高速运转时有异响", organisation_id=world.other_org.pk,
        contact_id=None, machine_id=world.other_machine.pk,
    )  # fmt: skip
    assert found(spindle.number) == {spindle.number}
    assert found(spindle.number.split("-")[-1]) == {spindle.number}
    assert found("grinding spindle") == {spindle.number}
    assert found("Müller") == {spindle.number}
    assert found("CL200-0099") == {chinese.number}
    assert found("主轴") == {chinese.number}
    assert found("异响") == {chinese.number}
    assert found("上海精工") == {chinese.number}
    assert found("hydraulic") == set()


def test_search_sees_later_replies_and_subject_changes_but_not_notes(world):
    t = world.ticket()
    add_message(world.agent, t, "Replace the bearing kit BK-17")
    add_message(world.agent, t, "secretword", internal=True)
    update_ticket(world.agent, t, {"subject": "Bearing failure"})
    assert found("BK-17") == {t.number}
    assert found("bearing failure") == {t.number}
    assert found("secretword") == set()


def test_partners_see_only_their_own_products(world):
    mine = world.ticket(machine_id=world.machine_a.pk)
    theirs = world.ticket(machine_id=world.machine_b.pk)
    assert get_visible_ticket(world.partner_a_tech, mine.number) == mine
    with pytest.raises(NotFound):
        get_visible_ticket(world.partner_a_tech, theirs.number)
    world.machine_b.supplier = world.partner_a
    world.machine_b.save()
    assert get_visible_ticket(world.partner_a_tech, theirs.pk) == theirs


def test_customers_see_only_their_organisation(world):
    t = world.ticket()
    assert get_visible_ticket(world.customer, t.number) == t
    with pytest.raises(NotFound):
        get_visible_ticket(world.other_customer, t.number)
    with pytest.raises(NotFound):
        get_visible_ticket(world.customer, "not-a-ticket")


def test_search_survives_a_table_rebuild(world):
    """SQLite drops a table's triggers when a migration rebuilds it; migrate puts them back."""
    from django.core.management import call_command
    from django.db import connection

    from serviceloop.tickets.search_index import TICKETS

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in ("tickets_ticket_fts_ai", "tickets_ticket_fts_ad", "tickets_ticket_fts_au"):
                cursor.execute(f"DROP TRIGGER {name}")
        assert TICKETS.ensure(connection) is True
    call_command("migrate", verbosity=0)
    t = world.ticket(subject="Chiller compressor trips")
    assert found("compressor") == {t.number}


def test_a_reference_of_unicode_digits_is_not_found_rather_than_a_crash(world):
    with pytest.raises(NotFound):
        get_visible_ticket(world.agent, "²")
