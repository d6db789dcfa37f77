import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.accounts.models import User
from serviceloop.conftest import make_user
from serviceloop.core.roles import Role
from serviceloop.tickets.models import Message


@pytest.mark.parametrize("who", ["agent", "supervisor", "admin", "partner_a_tech"])
def test_staff_and_partners_are_sent_to_the_console(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(reverse("portal:tickets"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_anonymous_visitors_are_asked_to_log_in(client, world):
    response = client.get(reverse("portal:new"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/portal/new/")


def test_customer_without_organisation_gets_a_clear_page(client, world):
    client.force_login(make_user(Role.CUSTOMER))
    response = client.get(reverse("portal:tickets"))
    assert response.status_code == 403
    assert b"not linked to a customer organisation" in response.content


def test_home_sends_customers_to_the_portal(portal):
    response = portal.get(reverse("home"))
    assert response["Location"] == reverse("portal:tickets")


def test_csrf_is_enforced_on_posts(world):
    ticket = world.ticket()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.customer)
    response = browser.post(reverse("portal:reply", args=[ticket.number]), {"body": "forged"})
    assert response.status_code == 403
    assert not Message.objects.filter(body="forged").exists()
    # The same post with the token from the page goes through.
    page = browser.get(reverse("portal:ticket", args=[ticket.number]))
    token = str(page.context["csrf_token"])
    response = browser.post(
        reverse("portal:reply", args=[ticket.number]), {"body": "genuine", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Message.objects.filter(body="genuine", author=world.customer).exists()


def test_inactive_customer_is_logged_out_of_the_portal(client, world):
    client.force_login(world.customer)
    User.objects.filter(pk=world.customer.pk).update(is_active=False)
    response = client.get(reverse("portal:tickets"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
