import pytest
from django.urls import reverse

from serviceloop.customers.models import Contact, Machine, Organisation
from serviceloop.tickets.services import transition

from .conftest import text_of

LOOKUP = reverse("console:lookup")


def test_lookup_by_serial_number_shows_machines_and_open_tickets(login, world):
    open_ticket = world.ticket(subject="Spindle noise again", machine_id=world.machine_b.pk)
    closed = world.ticket(subject="Old cancelled one")
    transition(world.agent, closed, "cancel")
    response = login(world.agent).get(LOOKUP, {"q": "cl300-0002", "pick": "1"})
    html = text_of(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert "Müller Fertigung" in html
    assert "CL300-0002" in html
    assert reverse("console:ticket", args=[open_ticket.number]) in html
    assert closed.number not in html
    assert "上海精工" not in html
    assert f"{reverse('console:phone_customer')}?organisation={world.org.pk}" in html


@pytest.mark.parametrize("fragment", ["上海", "精工", "CL200-0099"])
def test_lookup_by_chinese_name(login, world, fragment):
    html = text_of(login(world.agent).get(LOOKUP, {"q": fragment}))
    assert "上海精工" in html
    assert "Müller Fertigung" not in html


@pytest.mark.parametrize("fragment", ["Anna", "anna@mueller", "+49 30 1", "49301", "Müller"])
def test_lookup_by_contact_phone_and_email(login, world, fragment):
    html = text_of(login(world.agent).get(LOOKUP, {"q": fragment}))
    assert "Müller Fertigung" in html
    assert "Anna Müller" in html


def test_too_short_finds_nothing(login, world):
    html = text_of(login(world.agent).get(LOOKUP, {"q": "a"}))
    assert "Type two or more characters" in html
    assert "Müller Fertigung" not in html


def test_lookup_is_limited_and_does_not_grow_queries(login, world, count_queries):
    client = login(world.agent)

    def add_orgs(n: int, start: int) -> None:
        for i in range(start, start + n):
            org = Organisation.objects.create(name=f"Werk {i}", country="DE")
            Contact.objects.create(organisation=org, name=f"Contact {i}", phone=f"+49 {i}")
            Machine.objects.create(organisation=org, model=world.model_a, serial_number=f"WK-{i}")
            world.ticket(organisation_id=org.pk, contact_id=None, machine_id=None)

    add_orgs(2, 0)
    few = count_queries(lambda: client.get(LOOKUP, {"q": "Werk"}))
    add_orgs(12, 2)
    many = count_queries(lambda: client.get(LOOKUP, {"q": "Werk"}))
    html = text_of(client.get(LOOKUP, {"q": "Werk"}))
    assert html.count('data-organisation="') == 10
    assert "Only the first ten are shown" in html
    assert few == many


def test_partner_finds_no_organisations(login, world):
    html = text_of(login(world.partner_a_tech).get(LOOKUP, {"q": "Müller"}))
    assert "Nothing matches" in html
