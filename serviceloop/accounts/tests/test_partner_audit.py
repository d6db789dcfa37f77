"""Every request of a partner's technician is kept; nobody else's is."""

import pytest
from django.test import Client

from serviceloop.accounts.models import PartnerAccess
from serviceloop.api.tests.conftest import client_for  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_pages_and_api_calls_of_a_partner_are_kept_refused_ones_too(world, client_for):  # noqa: F811
    ours = world.ticket(machine_id=world.machine_a.pk)
    theirs = world.ticket(machine_id=world.machine_b.pk)
    browser = Client()
    browser.force_login(world.partner_a_tech)
    assert browser.get(f"/console/tickets/{ours.number}/").status_code == 200
    assert browser.get(f"/console/tickets/{theirs.number}/").status_code == 404
    assert client_for(world.partner_a_tech).get(f"/tickets/{ours.number}/messages").status_code == 200
    rows = list(PartnerAccess.objects.order_by("id").values_list("method", "ticket_ref", "status", "user"))
    partner = world.partner_a_tech.pk
    assert rows == [
        ("GET", ours.number, 200, partner),
        ("GET", theirs.number, 404, partner),
        ("GET", ours.number, 200, partner),
    ]
    last_path = PartnerAccess.objects.order_by("id").values_list("path", flat=True).last()
    assert last_path == f"/api/v1/tickets/{ours.number}/messages"


def test_staff_and_customers_are_not_logged(world, client_for):  # noqa: F811
    ticket = world.ticket()
    for user in (world.agent, world.customer):
        client_for(user).get(f"/tickets/{ticket.number}")
    browser = Client()
    browser.force_login(world.agent)
    browser.get(f"/console/tickets/{ticket.number}/")
    assert not PartnerAccess.objects.exists()


def test_the_administrator_reads_the_log_and_cannot_change_it(world, admin_client):
    browser = Client()
    browser.force_login(world.partner_a_tech)
    browser.get("/console/")
    listing = admin_client.get("/admin/accounts/partneraccess/")
    assert listing.status_code == 200 and "/console/" in listing.content.decode()
    assert admin_client.get("/admin/accounts/partneraccess/add/").status_code == 403
