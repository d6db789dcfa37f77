"""A partner's technician is mailed a ticket's number and a link, never the customer's data; staff
are mailed the whole notification as before."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from serviceloop.notifications.models import Notification
from serviceloop.notifications.services import Text, notify
from serviceloop.tickets.services import update_ticket

pytestmark = pytest.mark.django_db

SUBJECT = "Hydraulic pump leaks at the north gate"
BODY = "Customer: Müller Fertigung. Anna Müller says oil drips since the last service visit."


@pytest.fixture
def ticket(world):
    return world.ticket(machine_id=world.machine_a.pk, subject=SUBJECT)


def link_to(ticket) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("console:ticket", args=[ticket.number])


def mailed_to(user) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [user.email]]


def test_a_partners_mail_names_the_ticket_and_links_it_and_nothing_else(
    world, ticket, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.partner_a_tech], "test", lambda user: Text(f"{ticket.number} {SUBJECT}", BODY),
               ticket=ticket)  # fmt: skip
    [message] = mailed_to(world.partner_a_tech)
    assert message.subject == f"[{ticket.number}] New activity on a ticket"
    assert message.body == f"Open the ticket: {link_to(ticket)}\n"
    for secret in (SUBJECT, "Müller", "Anna", "oil drips", world.org.name, world.contact.name):
        assert secret not in message.subject and secret not in message.body
    # The console still shows the whole notification, behind the partner's login.
    stored = Notification.objects.get(recipient=world.partner_a_tech)
    assert (stored.title, stored.body) == (f"{ticket.number} {SUBJECT}", BODY)
    assert stored.mail == Notification.Mail.SENT


def test_a_partner_assigned_a_ticket_gets_the_link_only(world, ticket, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_ticket(world.agent, ticket, {"assignee_id": world.partner_a_tech.pk})
    [message] = mailed_to(world.partner_a_tech)
    assert SUBJECT not in message.subject and SUBJECT not in message.body
    assert message.body == f"Open the ticket: {link_to(ticket)}\n"
    assert SUBJECT in Notification.objects.get(recipient=world.partner_a_tech).title


def test_an_urgent_partner_mail_says_so_and_still_carries_no_text(
    world, ticket, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.partner_a_tech], "test", lambda user: Text(SUBJECT, BODY), ticket=ticket, urgent=True)
    [message] = mailed_to(world.partner_a_tech)
    assert message.subject == f"[Urgent] [{ticket.number}] New activity on a ticket"
    assert message.extra_headers["Importance"] == "high"
    assert BODY not in message.body


def test_the_link_a_partner_gets_opens_the_ticket_for_them(world, ticket, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.partner_a_tech], "test", lambda user: Text(SUBJECT), ticket=ticket)
    [message] = mailed_to(world.partner_a_tech)
    path = urlsplit(message.body.split(": ", 1)[1].strip()).path
    client = Client()
    client.force_login(world.partner_a_tech)
    response = client.get(path)
    assert response.status_code == 200
    assert SUBJECT in response.content.decode()


def test_a_partners_mail_about_no_ticket_links_their_notifications(world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.partner_a_tech], "test", lambda user: Text("Price list for Müller", BODY))
    [message] = mailed_to(world.partner_a_tech)
    assert message.subject == "New activity in Serviceloop"
    link = settings.SITE_URL.rstrip("/") + reverse("console:notifications")
    assert message.body == f"See it here: {link}\n"
    client = Client()
    client.force_login(world.partner_a_tech)
    assert client.get(reverse("console:notifications")).status_code == 200


def test_a_staff_members_mail_is_the_whole_notification(world, ticket, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.engineer, world.partner_a_tech], "test",
               lambda user: Text(f"{ticket.number} {SUBJECT}", BODY), ticket=ticket)  # fmt: skip
    [message] = mailed_to(world.engineer)
    assert message.subject == f"{ticket.number} {SUBJECT}"
    assert message.body == f"{BODY}\n\nOpen the ticket: {link_to(ticket)}\n"


def test_a_staff_mail_without_a_body_is_the_title_and_the_link(
    world, ticket, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_ticket(world.agent, ticket, {"assignee_id": world.engineer.pk})
    [message] = mailed_to(world.engineer)
    assert message.subject == f"{ticket.number} {SUBJECT}: assigned to you"
    assert message.body == f"Open the ticket: {link_to(ticket)}\n"


def test_nobody_is_told_about_a_ticket_they_may_not_see(world, ticket, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify([world.partner_b_tech, world.customer, world.other_customer, world.engineer], "test",
                      lambda user: Text(SUBJECT, BODY), ticket=ticket)  # fmt: skip
    assert {row.recipient for row in rows} == {world.customer, world.engineer}
    assert mailed_to(world.partner_b_tech) == [] and mailed_to(world.other_customer) == []


def test_a_staff_mail_about_no_ticket_links_the_notifications_page(world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.agent], "test", lambda user: Text("Top contributors of 2026Q3", BODY))
    [message] = mailed_to(world.agent)
    link = settings.SITE_URL.rstrip("/") + reverse("console:notifications")
    assert message.body == f"{BODY}\n\nSee it here: {link}\n"
    assert "Open the ticket" not in message.body
