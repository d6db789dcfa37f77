"""Staff and partners act by mail only when our mail server vouched for the sender (when one is named)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serviceloop.channels.mail import attention
from serviceloop.channels.mail.authentication import passed_domains
from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.models import InboundMail
from serviceloop.tickets.models import Message

from .mailfactory import build_mail

TRUSTED = {"mx.serviceloop.test"}


@pytest.mark.parametrize(
    ("header", "domains"),
    [
        ("mx.serviceloop.test; dkim=pass header.d=maker.test header.s=s1", {"maker.test"}),
        ("mx.serviceloop.test 1; spf=pass smtp.mailfrom=li@maker.test", {"maker.test"}),
        ("MX.Serviceloop.test; dmarc=pass (p=reject) header.from=Maker.Test", {"maker.test"}),
        ("mx.serviceloop.test; dkim=fail header.d=maker.test; spf=softfail smtp.mailfrom=maker.test", set()),
        ("mx.serviceloop.test; dkim=pass header.i=@sub.maker.test; arc=pass", {"sub.maker.test"}),
        ("mx.elsewhere.test; dkim=pass header.d=maker.test", set()),  # not our server: not believed
        ("mx.serviceloop.test; none", set()),
        ("", set()),
    ],
)
def test_the_domains_a_trusted_server_reports_a_pass_for(header, domains):
    assert passed_domains(header, TRUSTED) == domains


@given(st.text(max_size=300))
def test_any_header_value_is_read_without_an_error(value):
    assert isinstance(passed_domains(value, TRUSTED), set)


def staff_reply(world, ticket, results: str | None) -> bytes:
    headers = {"Authentication-Results": results} if results else None
    subject = f"Re: [{ticket.number}]"
    return build_mail(sender=world.engineer.email, subject=subject, body="Try B.", headers=headers)


@pytest.mark.django_db
def test_without_a_trusted_server_named_staff_mail_is_taken_as_written(world, settings):
    settings.MAIL_TRUSTED_AUTHSERV_IDS = []
    ticket = world.ticket()
    assert ingest(staff_reply(world, ticket, None), "pipe").state == InboundMail.State.PROCESSED


@pytest.mark.django_db
def test_staff_mail_our_server_did_not_vouch_for_waits_for_a_person(world, settings):
    settings.MAIL_TRUSTED_AUTHSERV_IDS = ["mx.serviceloop.test"]
    ticket = world.ticket()
    elsewhere = "mx.elsewhere.test; dkim=pass header.d=serviceloop.test"
    forged = ingest(staff_reply(world, ticket, elsewhere), "pipe")
    assert forged.state == InboundMail.State.FAILED and "not vouched for" in forged.reason
    assert not Message.objects.filter(ticket=ticket, author=world.engineer).exists()

    # An administrator who read it vouches for it by processing it again.
    again = attention.retry_mail(world.admin, forged.pk)
    assert again.state == InboundMail.State.PROCESSED
    assert Message.objects.filter(ticket=ticket, author=world.engineer).exists()


@pytest.mark.django_db
def test_staff_mail_our_server_vouched_for_is_posted(world, settings):
    settings.MAIL_TRUSTED_AUTHSERV_IDS = ["mx.serviceloop.test"]
    ticket = world.ticket()
    domain = world.engineer.email.rpartition("@")[2]
    vouched = f"mx.serviceloop.test; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}"
    mail = ingest(staff_reply(world, ticket, vouched), "pipe")
    assert mail.state == InboundMail.State.PROCESSED, mail.reason


@pytest.mark.django_db
def test_customers_are_not_asked_for_it(world, settings):
    settings.MAIL_TRUSTED_AUTHSERV_IDS = ["mx.serviceloop.test"]
    assert ingest(build_mail(), "pipe").state == InboundMail.State.PROCESSED
