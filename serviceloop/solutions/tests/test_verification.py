"""Asking the customer whether the fix works: the mail with two links, and what the links do."""

from __future__ import annotations

import re
import time
from email import message_from_bytes
from email.policy import default

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.channels.models import OutboundMail
from serviceloop.solutions.models import Outcome, Verification, Via
from serviceloop.solutions.services.verification_links import make_token
from serviceloop.tickets.models import Channel, Message, Status, TicketEvent
from serviceloop.tickets.services import transition

from .conftest import taken

_LINK = re.compile(r"https?://\S+/portal/verify/(\S+)/")


def ask(world, ticket, capture):
    with capture(execute=True):
        transition(world.agent, ticket, "request_verification")
    return Verification.objects.get(ticket=ticket, answered_at__isnull=True)


def tokens(ticket) -> list[str]:
    body = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).latest("id").body
    return _LINK.findall(body)


def verify_url(token: str) -> str:
    return reverse("portal:verify", args=[token])


def test_asking_mails_the_contact_two_links(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    round_ = ask(world, ticket, django_capture_on_commit_callbacks)
    assert round_.round == 1 and round_.requested_by == world.agent
    mail = OutboundMail.objects.get(ticket=ticket, kind="replied")
    assert mail.recipients == "anna@mueller.test"
    part = message_from_bytes(bytes(mail.raw), policy=default).get_body(preferencelist=("plain",))
    assert part is not None
    text = part.get_content()
    assert "It works: http" in text and "Not fixed: http" in text
    works, not_fixed = tokens(ticket)
    assert works != not_fixed


def test_the_request_speaks_the_contacts_language(world, django_capture_on_commit_callbacks):
    world.contact.language = "zh-hans"
    world.contact.save()
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    raw = bytes(OutboundMail.objects.get(ticket=ticket, kind="replied").raw)
    assert message_from_bytes(raw, policy=default)["Content-Language"] == "zh-hans"
    response = Client().get(verify_url(tokens(ticket)[0]))
    assert response.status_code == 200 and response.headers["Content-Language"] == "zh-hans"


def test_opening_a_link_does_nothing_until_the_button(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    works, _not_fixed = tokens(ticket)
    response = Client().get(verify_url(works))
    html = response.content.decode()
    assert response.status_code == 200 and ticket.number in html and ticket.subject in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    ticket.refresh_from_db()
    assert ticket.status == Status.AWAITING_VERIFICATION


def test_it_works_resolves_as_the_contacts_login_once(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    works, not_fixed = tokens(ticket)
    client = Client(enforce_csrf_checks=False)
    response = client.post(verify_url(works))
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    row = TicketEvent.objects.filter(ticket=ticket, name="ticket.transitioned").latest("id")
    assert (
        row.data["action"] == "confirm_fix" and row.actor == world.customer and row.channel == Channel.EMAIL
    )
    answered = Verification.objects.get(ticket=ticket)
    assert (answered.outcome, answered.via, answered.by) == (Outcome.WORKS, Via.LINK, world.customer)
    again = client.post(verify_url(works))
    assert again.status_code == 410 and "already been answered" in again.content.decode()
    assert client.post(verify_url(not_fixed)).status_code == 410
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED


def test_not_fixed_reopens_as_the_contact_without_login(world, django_capture_on_commit_callbacks):
    world.contact.user = None
    world.contact.save()
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    _works, not_fixed = tokens(ticket)
    response = Client().post(verify_url(not_fixed), {"note": "Still grinding at 3000 rpm."})
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.status == Status.REOPENED
    row = TicketEvent.objects.filter(ticket=ticket, name="ticket.transitioned").latest("id")
    assert row.actor is None and row.channel == Channel.EMAIL and row.data["action"] == "reject_fix"
    reply = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).latest("id")
    assert reply.body == "Still grinding at 3000 rpm." and reply.author_name == "Anna Müller"
    answered = Verification.objects.get(ticket=ticket)
    assert answered.outcome == Outcome.NOT_FIXED and answered.by_name == "Anna Müller"
    assert answered.note == "Still grinding at 3000 rpm."


def test_an_earlier_rounds_link_cannot_answer_the_next(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    old_works, old_not_fixed = tokens(ticket)
    assert Client().post(verify_url(old_not_fixed)).status_code == 200
    ticket.refresh_from_db()
    transition(world.agent, ticket, "take")
    second = ask(world, ticket, django_capture_on_commit_callbacks)
    assert second.round == 2
    response = Client().post(verify_url(old_works))
    assert response.status_code == 410
    ticket.refresh_from_db()
    assert ticket.status == Status.AWAITING_VERIFICATION


def _flip_one_signature_character(token: str) -> str:
    # The last base64 character may carry only padding bits, so change the one before it.
    replacement = "A" if token[-2] != "A" else "B"
    return token[:-2] + replacement + token[-1]


@pytest.mark.parametrize("mangle", [_flip_one_signature_character, lambda t: "x"])
def test_a_tampered_link_is_refused_clearly(world, django_capture_on_commit_callbacks, mangle):
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    response = Client().post(verify_url(mangle(tokens(ticket)[0])))
    assert response.status_code == 400 and "not valid" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == Status.AWAITING_VERIFICATION


def test_a_link_for_another_ticket_round_is_refused(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    round_ = ask(world, ticket, django_capture_on_commit_callbacks)
    round_.ticket_id = taken(world).pk  # signed for a ticket the round does not belong to
    response = Client().post(verify_url(make_token(round_, Outcome.WORKS)))
    assert response.status_code == 410


def test_an_expired_link_is_refused(world, django_capture_on_commit_callbacks, monkeypatch):
    ticket = taken(world)
    round_ = ask(world, ticket, django_capture_on_commit_callbacks)
    real = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real() - 31 * 86400)
    old = make_token(round_, Outcome.WORKS)
    monkeypatch.setattr("django.core.signing.time.time", real)
    response = Client().get(verify_url(old))
    assert response.status_code == 410 and "expired" in response.content.decode()


def test_the_link_answer_is_checked_for_csrf(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    response = Client(enforce_csrf_checks=True).post(verify_url(tokens(ticket)[0]))
    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.status == Status.AWAITING_VERIFICATION


def test_the_portal_confirmation_closes_the_round(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    ask(world, ticket, django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(world.customer)
    client.post(reverse("portal:action", args=[ticket.number]), {"action": "confirm_fix", "comment": ""})
    answered = Verification.objects.get(ticket=ticket)
    assert (answered.outcome, answered.via, answered.by) == (Outcome.WORKS, Via.PORTAL, world.customer)
