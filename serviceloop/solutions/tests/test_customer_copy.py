"""The approved plan reaches the customer in writing: by mail in the conversation's thread, in their
language, and on the portal; nothing reaches them before approval."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

from django.core import mail
from django.test import Client
from django.urls import reverse

from serviceloop.channels.models import OutboundMail
from serviceloop.solutions.services import review
from serviceloop.tickets.models import Message

from .conftest import submitted_plan, taken


def _approve(world, ticket, capture):
    plan = submitted_plan(world, ticket)
    with capture(execute=True):
        review(world.manager, plan, "approve", "Internal: cheapest option.")
    return plan


def test_the_approved_plan_is_mailed_as_a_reply_in_english(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    mail.outbox.clear()
    _approve(world, ticket, django_capture_on_commit_callbacks)
    sent = OutboundMail.objects.get(ticket=ticket, kind="replied")
    [message] = [m for m in mail.outbox if m.to == ["anna@mueller.test"]]
    body = message.body.replace("\r\n", "\n")
    assert sent.subject == f"[{ticket.number}] {ticket.subject}"
    assert f"Our solution plan for your request {ticket.number} is approved." in body
    assert "1. Stop the machine\n2. Replace the front bearing\n3. Run in for 30 minutes" in body
    assert "Spare part: Bearing 7014 (quantity 2)" in body
    assert "How we work: On site" in body and "Estimated time: 4.5 hours" in body
    assert "The spindle may need balancing afterwards." in body
    assert "Internal: cheapest option." not in body
    reply = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).last()
    assert reply is not None and reply.author == world.manager and "Bearing 7014" in reply.body


def test_a_chinese_contact_gets_the_plan_in_chinese(world, django_capture_on_commit_callbacks):
    world.contact.language = "zh-hans"
    world.contact.save()
    ticket = taken(world)
    _approve(world, ticket, django_capture_on_commit_callbacks)
    reply = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).last()
    assert reply is not None
    assert "现场" in reply.body and "On site" not in reply.body  # the delivery, in the reader's words
    sent = OutboundMail.objects.get(ticket=ticket, kind="replied")
    text = message_from_bytes(bytes(sent.raw), policy=default).get_body(preferencelist=("plain",))
    assert text is not None and "现场" in text.get_content()


def test_nothing_is_sent_before_approval(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    with django_capture_on_commit_callbacks(execute=True):
        plan = submitted_plan(world, ticket)
        review(world.manager, plan, "request_changes", "More detail.")
    assert not OutboundMail.objects.filter(ticket=ticket, kind="replied").exists()
    assert (
        not Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY)
        .exclude(author=world.agent)
        .exists()
    )


def test_the_portal_shows_the_approved_plan_and_not_drafts(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    client = Client()
    client.force_login(world.customer)
    url = reverse("portal:ticket", args=[ticket.number])
    plan = submitted_plan(world, ticket)
    html = client.get(url).content.decode()
    assert 'id="solution-plan"' not in html and "Bearing 7014" not in html
    with django_capture_on_commit_callbacks(execute=True):
        review(world.manager, plan, "approve", "Internal remark")
    html = client.get(url).content.decode()
    assert 'id="solution-plan"' in html
    section = html.split('id="solution-plan"', 1)[1].split("</section>", 1)[0]
    assert "The spindle bearing is worn." in section and "Replace the front bearing" in section
    assert "Internal remark" not in html
