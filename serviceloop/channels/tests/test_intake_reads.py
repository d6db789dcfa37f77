"""The intake's per-mail reads, written as SQL: what they find, and how many statements a mail costs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.mail.parsing import parse
from serviceloop.channels.mail.screening import is_blocked, over_rate_limit
from serviceloop.channels.mail.senders import find_contact, organisation_for_domain
from serviceloop.channels.mail.threads import ticket_by_references, ticket_by_subject
from serviceloop.channels.models import InboundMail, MailBlock, OutboundMail
from serviceloop.customers.models import Contact

from .mailfactory import build_mail

pytestmark = pytest.mark.django_db

# Statements per mail, counted so that a change adding reads to every mail shows here first.
# Store: savepoint, INSERT, release. Screen: block, rate limit. Process: savepoint; contact, its
# organisation, its login; the ticket path (number, ticket, message, history, SLA revisions and
# policy); the mail's UPDATE; release.
NEW_TICKET_STATEMENTS = 17
# A reply found through References: one statement finds the ticket; adding the message takes seven.
REPLY_STATEMENTS = 19


def _statements(raw: bytes) -> tuple[InboundMail, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        mail = ingest(raw, "pipe")
    return mail, [query["sql"] for query in queries.captured_queries]


def test_a_new_ticket_mail_costs_a_fixed_number_of_statements(world):
    # The year's first ticket starts its number sequence, and the SLA rules are read once a process.
    ingest(build_mail(message_id="<warm@client.test>"), "pipe")
    mail, statements = _statements(build_mail(message_id="<counted@client.test>"))
    assert mail.state == InboundMail.State.PROCESSED, mail.reason
    assert len(statements) == NEW_TICKET_STATEMENTS, "\n".join(statements)
    stored = InboundMail.objects.get(pk=mail.pk)
    assert (stored.state, stored.reason, stored.processed_at) == ("processed", "", mail.processed_at)
    assert (stored.ticket, stored.ticket_message) == (mail.ticket, mail.ticket_message)
    assert (stored.from_address, stored.subject) == ("anna@mueller.test", "Spindle grinds at 3000 rpm")


def test_a_reply_costs_a_fixed_number_of_statements(world):
    first = ingest(build_mail(message_id="<first@client.test>"), "pipe")
    mail, statements = _statements(build_mail(subject="more", references="<first@client.test>"))
    assert mail.ticket == first.ticket and mail.ticket_message is not None
    assert len(statements) == REPLY_STATEMENTS, "\n".join(statements)


def test_a_block_matches_the_address_in_any_case_or_its_domain(world):
    MailBlock.objects.create(pattern="@spam.test", reason="advertising")
    MailBlock.objects.create(pattern="eve@mueller.test")
    domain, address = is_blocked("Promo@SPAM.test"), is_blocked("EVE@mueller.test")
    assert domain is not None and domain.reason == "advertising"
    assert address is not None and address.pattern == "eve@mueller.test"
    assert is_blocked("anna@mueller.test") is None and is_blocked("spam.test@other.test") is None


def test_the_rate_limit_counts_processed_mail_of_the_last_hour_only(world, settings):
    settings.MAIL_RATE_LIMIT_PER_HOUR = 2
    now = timezone.now()
    for n, (state, age) in enumerate([("processed", 61), ("ignored", 5), ("processed", 59)]):
        InboundMail.objects.create(source="pipe", raw=b"x", sha256=f"{n}", message_id=f"{n}@x",
                                   from_address="anna@mueller.test", state=state,
                                   received_at=now - timedelta(minutes=age))  # fmt: skip
    assert not over_rate_limit("anna@mueller.test")
    InboundMail.objects.create(source="pipe", raw=b"x", sha256="3", from_address="anna@mueller.test",
                               state="processed", received_at=now - timedelta(seconds=1))  # fmt: skip
    assert over_rate_limit("anna@mueller.test") and not over_rate_limit("other@mueller.test")


def test_the_contact_comes_with_its_organisation_and_login(world):
    contact = find_contact("ANNA@mueller.test")
    assert contact == world.contact and contact.organisation.name == "Müller Fertigung"
    assert contact.user == world.customer and contact.user.organisation_id == world.org.pk
    loginless = Contact.objects.create(organisation=world.other_org, name="Wang", email="wang@shjg.test")
    found = find_contact("wang@shjg.test")
    assert found == loginless and found.user is None and found.organisation == world.other_org
    assert find_contact("nobody@mueller.test") is None


def _outbound(ticket, message_id: str) -> None:
    OutboundMail.objects.create(ticket=ticket, kind="replied", message_id=message_id, sender="s@x.test",
                                recipients="anna@mueller.test", subject="x", raw=b"x")  # fmt: skip


def test_references_prefer_our_own_mail_then_the_latest_mail_received(world):
    ours, theirs, latest = world.ticket(), world.ticket(), world.ticket()
    _outbound(ours, "sl.1@serviceloop.test")
    for n, ticket in enumerate([theirs, latest]):
        later = timezone.now() + timedelta(minutes=n)
        InboundMail.objects.create(source="pipe", raw=b"x", sha256=f"{n}", message_id=f"c{n}@client.test",
                                   ticket=ticket, received_at=later)  # fmt: skip
    both = parse(build_mail(references="<c0@client.test> <sl.1@serviceloop.test>"))
    assert ticket_by_references(both) == ours
    received = parse(build_mail(references="<c1@client.test> <c0@client.test>"))
    assert ticket_by_references(received) == latest
    assert ticket_by_references(parse(build_mail(references="<unknown@client.test>"))) is None


def test_a_ticket_number_in_the_subject_is_found_in_any_case(world):
    ticket = world.ticket()
    assert ticket_by_subject(f"AW: [ {ticket.number.lower()} ] noise") == ticket
    assert ticket_by_subject("[SL-1999-99999] unknown") is None


def test_a_claimed_domain_is_found_in_any_case_even_with_like_wildcards_in_it(world, settings):
    world.other_org.mail_domains = "Shjg.TEST, @100%_sure.test"
    world.other_org.save()
    assert organisation_for_domain("SHJG.test") == world.other_org
    assert organisation_for_domain("100%_sure.test") == world.other_org
    unknown = organisation_for_domain("100x-sure.test")
    assert unknown.name == settings.MAIL_UNKNOWN_SENDERS_ORGANISATION
    assert organisation_for_domain("nowhere.test") == unknown
