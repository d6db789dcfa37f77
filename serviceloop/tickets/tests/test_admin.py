import pytest
from django.test import Client


@pytest.fixture
def admin_client_for(world):
    world.admin.is_superuser = True
    world.admin.save()
    client = Client()
    client.force_login(world.admin)
    return client


def test_administrators_configure_fault_types_and_read_tickets(admin_client_for, world):
    t = world.ticket()
    assert admin_client_for.get("/admin/tickets/faulttype/").status_code == 200
    page = admin_client_for.get(f"/admin/tickets/ticket/{t.pk}/change/")
    assert page.status_code == 200 and t.number in page.content.decode()
    # Tickets change only through the services, so the admin offers no way to edit or delete them.
    assert admin_client_for.post(f"/admin/tickets/ticket/{t.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client_for.get("/admin/tickets/ticket/add/").status_code == 403


def test_only_administrators_reach_the_admin(world):
    client = Client()
    client.force_login(world.supervisor)
    assert client.get("/admin/").status_code == 302  # to the admin login
