"""The acknowledgement a customer gets promises the first-response time of the policy, in their zone."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest

from serviceloop.channels.models import OutboundMail
from serviceloop.customers.models import Contact
from serviceloop.tickets.models import Channel

pytestmark = pytest.mark.django_db


def text_sent(ticket) -> str:
    stored = OutboundMail.objects.get(ticket=ticket)
    parsed = message_from_bytes(bytes(stored.raw), policy=default)
    assert isinstance(parsed, EmailMessage)
    body = parsed.get_body(preferencelist=("plain",))
    assert body is not None
    return body.get_content()


def test_the_acknowledgement_states_the_promised_answer_time(
    world, now, standard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket(
            world.customer, channel=Channel.PORTAL, received_at=now()
        )  # Monday 16:30 Berlin
    # Half an hour before closing, half an hour after opening on Tuesday, in the organisation's zone.
    assert "You will hear from us by Nov. 24, 2026, 9:30 a.m. (Europe/Berlin)." in text_sent(ticket)


def test_in_chinese_for_a_customer_in_shanghai(world, now, standard, django_capture_on_commit_callbacks):
    contact = Contact.objects.create(organisation=world.other_org, name="王工", email="wang@jinggong.test")
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket(
            world.other_customer, channel=Channel.PORTAL, received_at=now(),
            organisation_id=world.other_org.pk,
            contact_id=contact.pk, machine_id=None,
        )  # fmt: skip
    # 09:30 in Berlin is 16:30 in Shanghai.
    assert "2026年11月24日 16:30 (Asia/Shanghai)" in text_sent(ticket)
