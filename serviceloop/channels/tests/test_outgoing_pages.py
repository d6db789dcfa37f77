"""Where people see the mail we send: the ticket page in the console, and the Django admin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from serviceloop.channels.models import MailTemplate, OutboundMail
from serviceloop.tickets.models import Ticket

from .smtp_server import SmtpServer


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_of(user, ticket: Ticket) -> str:
    response = signed_in(user).get(reverse("console:ticket", args=[ticket.number]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def refused(world, settings, django_capture_on_commit_callbacks) -> Iterator[tuple[Ticket, SmtpServer]]:
    """A ticket whose receipt the server refused for good (550), with the server still running."""
    with SmtpServer() as server:
        server.use(settings)
        server.refuse(rcpt="550 5.1.1 <anna@mueller.test>: no such user")
        with django_capture_on_commit_callbacks(execute=True):
            ticket = world.ticket()
        yield ticket, server


def test_the_ticket_page_shows_a_sent_mail(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket()
    html = page_of(world.agent, ticket)
    assert 'data-mail-state="sent"' in html and "Sent <time" in html and "Receipt of a new ticket" in html


def test_the_ticket_page_shows_a_retrying_mail_with_its_error(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket()
    OutboundMail.objects.update(
        state=OutboundMail.State.RETRYING, attempts=2, last_error="451 4.7.1 greylisted <again>",
        next_attempt_at=timezone.now() + timedelta(minutes=5),
    )  # fmt: skip
    html = page_of(world.agent, ticket)
    assert 'data-mail-state="retrying"' in html and "Try 2 failed; next try <time" in html
    assert "451 4.7.1 greylisted &lt;again&gt;" in html and "Retry now" not in html


def test_a_failed_mail_shows_its_error_and_staff_can_send_it_again(
    world, refused, django_capture_on_commit_callbacks
):
    ticket, server = refused
    html = page_of(world.agent, ticket)
    assert 'data-mail-state="failed"' in html and "Not sent after 1 try." in html
    assert "550 5.1.1 &lt;anna@mueller.test&gt;: no such user" in html and "Retry now" in html

    server.refuse()
    mail = OutboundMail.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(world.agent).post(reverse("console:resend_mail", args=[ticket.number, mail.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#outgoing-mail")
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.SENT and len(server.received) == 1


def test_who_sees_and_who_may_resend(world, refused):
    ticket, server = refused
    mail = OutboundMail.objects.get()
    quality = page_of(world.quality, ticket)
    assert 'data-mail-state="failed"' in quality and "Retry now" not in quality
    signed_in(world.quality).post(reverse("console:resend_mail", args=[ticket.number, mail.pk]))
    # Partner technicians work in the console but never see the customer's mail delivery.
    assert "outgoing-mail" not in page_of(world.partner_a_tech, ticket)
    response = signed_in(world.partner_a_tech).post(
        reverse("console:resend_mail", args=[ticket.number, mail.pk])
    )
    assert response.status_code == 403
    # A mail of another ticket cannot be reached through this one.
    other = world.ticket(subject="Other")
    signed_in(world.agent).post(reverse("console:resend_mail", args=[other.number, mail.pk]))
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.FAILED and not server.received


def test_the_admin_lists_sent_mail_read_only_and_retries_failed_ones(
    world, refused, admin_client, django_capture_on_commit_callbacks
):
    ticket, server = refused
    mail = OutboundMail.objects.get()
    listing = admin_client.get("/admin/channels/outboundmail/")
    assert listing.status_code == 200 and ticket.number in listing.content.decode()
    page = admin_client.get(f"/admin/channels/outboundmail/{mail.pk}/change/").content.decode()
    assert f"Message-ID: &lt;{mail.message_id}&gt;" in page and "550 5.1.1" in page
    assert admin_client.get("/admin/channels/outboundmail/add/").status_code == 403
    assert (
        admin_client.post(f"/admin/channels/outboundmail/{mail.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )

    server.refuse()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/channels/outboundmail/", {"action": "retry_now", "_selected_action": [mail.pk]}
        )
    assert response.status_code == 302
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.SENT and len(server.received) == 1


def test_administrators_edit_templates_and_are_told_of_syntax_errors(world, admin_client):
    form = {"kind": "acknowledged", "language": "zh-hans", "subject": "已收到 {{ ticket.number }}"}
    form["body"] = "您好"
    response = admin_client.post("/admin/channels/mailtemplate/add/", form)
    assert response.status_code == 302 and MailTemplate.objects.filter(language="zh-hans").exists()
    broken = {**form, "language": "en", "body": "{% if %}x{% endif %}"}
    response = admin_client.post("/admin/channels/mailtemplate/add/", broken)
    assert response.status_code == 200 and "This template has an error" in response.content.decode()
    assert not MailTemplate.objects.filter(language="en").exists()


def test_the_locmem_outbox_still_gets_replies(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket()
        signed_in(world.agent).post(
            reverse("console:message", args=[ticket.number]), {"body": "Belt ordered.", "kind": "reply"}
        )
    assert [m.subject for m in django_mail.outbox][-1] == f"[{ticket.number}] {ticket.subject}"
