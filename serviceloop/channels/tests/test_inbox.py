"""From stored bytes to a ticket or a reply: de-duplication, threading, senders, screening, failures."""

from __future__ import annotations

import pytest

from serviceloop.channels.mail import inbox
from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.models import InboundMail, MailBlock, Mailbox, OutboundMail
from serviceloop.customers.models import Contact, Organisation
from serviceloop.tickets.models import Channel, Message, Status, Ticket
from serviceloop.tickets.services import transition

from .mailfactory import build_mail

pytestmark = pytest.mark.django_db


def ticket_of(mail: InboundMail) -> Ticket:
    assert mail.ticket is not None, mail.reason
    return mail.ticket


def message_of(mail: InboundMail) -> Message:
    assert mail.ticket_message is not None, mail.reason
    return mail.ticket_message


def test_a_new_mail_from_a_known_contact_opens_a_ticket_for_their_organisation(world):
    mailbox = Mailbox.objects.create(name="Support", address="support@serviceloop.test", team=world.team)
    mail = ingest(build_mail(), "pipe", mailbox)
    assert mail.state == InboundMail.State.PROCESSED, mail.reason
    ticket = ticket_of(mail)
    assert ticket.channel == Channel.EMAIL and ticket.subject == "Spindle grinds at 3000 rpm"
    assert (ticket.organisation, ticket.contact, ticket.team) == (world.org, world.contact, world.team)
    assert message_of(mail).body.startswith("Since this morning the spindle grinds.")
    assert (mail.from_address, mail.subject) == ("anna@mueller.test", "Spindle grinds at 3000 rpm")


def test_an_unknown_sender_becomes_a_contact_of_the_organisation_that_claims_the_domain(world):
    world.other_org.mail_domains = "shjg.test, @shjg-cn.test"
    world.other_org.save()
    mail = ingest(build_mail(sender="王工 <wang@SHJG-CN.test>"), "pipe")
    contact = Contact.objects.get(email="wang@shjg-cn.test")
    assert (contact.organisation, contact.name) == (world.other_org, "王工")
    assert ticket_of(mail).contact == contact and ticket_of(mail).organisation == world.other_org


def test_an_unknown_sender_at_an_unclaimed_domain_lands_with_the_unknown_senders(world, settings):
    settings.MAIL_UNKNOWN_SENDERS_ORGANISATION = "Walk-ins"
    mail = ingest(build_mail(sender="someone@nowhere.test"), "pipe")
    assert ticket_of(mail).organisation == Organisation.objects.get(name="Walk-ins")
    contact = Contact.objects.get(email="someone@nowhere.test")
    assert contact == ticket_of(mail).contact and contact.name == "someone"
    ingest(build_mail(sender="other@nowhere.test"), "pipe")
    assert Organisation.objects.filter(name="Walk-ins").count() == 1


def test_the_same_mail_delivered_again_makes_no_second_ticket(world):
    raw = build_mail(message_id="<same@client.test>")
    first = ingest(raw, "imap")
    again = ingest(b"Received: from relay2\r\n" + raw, "smtp")  # other bytes, same Message-ID
    third = ingest(raw, "pipe")
    assert first.pk == again.pk == third.pk
    assert Ticket.objects.count() == 1 and InboundMail.objects.get().deliveries == 3


def test_identical_bytes_without_message_id_are_stored_once(world):
    raw = b"From: anna@mueller.test\r\nSubject: no id\r\n\r\nhello\r\n"
    assert ingest(raw, "pipe").pk == ingest(raw, "pipe").pk
    assert Ticket.objects.count() == 1


def test_a_reply_to_our_mail_joins_its_ticket(world):
    ticket = world.ticket()
    OutboundMail.objects.create(
        ticket=ticket, kind="replied", message_id="sl.1.abc@serviceloop.localhost", sender="s@x.test",
        recipients="anna@mueller.test", subject="x", raw=b"x",
    )  # fmt: skip
    raw = build_mail(subject="Re: your answer", body="Thanks, that helped.",
                     in_reply_to="<sl.1.abc@serviceloop.localhost>")  # fmt: skip
    mail = ingest(raw, "pipe")
    assert mail.ticket == ticket and Ticket.objects.count() == 1
    assert ticket.messages.last().body.startswith("Thanks, that helped.")


def test_a_reply_to_the_customers_own_earlier_mail_joins_the_same_ticket(world):
    first = ingest(build_mail(message_id="<first@client.test>"), "pipe")
    reply = ingest(build_mail(subject="more", references="<first@client.test>"), "pipe")
    assert reply.ticket == first.ticket and ticket_of(first).messages.count() == 2


def test_the_ticket_number_in_the_subject_threads_when_headers_are_lost(world):
    ticket = world.ticket()
    mail = ingest(build_mail(subject=f"AW: [{ticket.number}] Spindle"), "pipe")
    assert mail.ticket == ticket


def test_a_stranger_quoting_a_ticket_number_gets_a_ticket_of_their_own(world):
    ticket = world.ticket()
    mail = ingest(build_mail(sender="eve@elsewhere.test", subject=f"[{ticket.number}] let me in"), "pipe")
    assert mail.ticket != ticket and ticket.messages.count() == 1


def test_a_customer_reply_brings_a_pending_ticket_back(world):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    ingest(build_mail(subject=f"Re: [{ticket.number}]", body="Here are the photos."), "pipe")
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_a_reply_to_a_closed_ticket_opens_a_follow_up(world):
    ticket = world.ticket()
    transition(world.agent, ticket, "cancel")
    mail = ingest(build_mail(subject=f"Re: [{ticket.number}]", body="It is back."), "pipe")
    assert mail.ticket != ticket
    assert ticket.number in message_of(mail).body and "It is back." in message_of(mail).body


def test_staff_replying_by_mail_writes_a_public_reply_as_themselves(world):
    ticket = world.ticket()
    mail = ingest(
        build_mail(sender=world.engineer.email, subject=f"Re: [{ticket.number}]", body="Try B."), "pipe"
    )
    message = message_of(mail)
    assert message.author == world.engineer and message.kind == Message.Kind.REPLY


def test_staff_mail_that_answers_no_ticket_waits_for_a_person(world):
    mail = ingest(build_mail(sender=world.engineer.email, subject="FW: customer complaint"), "pipe")
    assert mail.state == InboundMail.State.FAILED and "answers no ticket" in mail.reason
    assert Ticket.objects.count() == 0


def test_blocked_senders_and_domains_are_kept_but_not_answered(world):
    MailBlock.objects.create(pattern="@spam.test", reason="advertising")
    mail = ingest(build_mail(sender="promo@spam.test"), "pipe")
    assert mail.state == InboundMail.State.IGNORED and "advertising" in mail.reason
    assert Ticket.objects.count() == 0 and bytes(mail.raw)


def test_a_sender_writing_too_fast_is_held_back(world, settings):
    settings.MAIL_RATE_LIMIT_PER_HOUR = 3
    states = [ingest(build_mail(subject=f"mail {n}"), "pipe").state for n in range(5)]
    assert states == ["processed"] * 3 + ["ignored"] * 2
    assert Ticket.objects.count() == 3


def test_attachments_the_desk_refuses_are_named_in_the_text_and_kept_in_the_mail(world):
    raw = build_mail(attachments=[("photo.jpg", "image/jpeg", b"\xff\xd8jpeg"),
                                  ("setup.exe", "application/octet-stream", b"MZ")])  # fmt: skip
    mail = ingest(raw, "pipe")
    assert [a.filename for a in ticket_of(mail).attachments.all()] == ["photo.jpg"]
    assert "setup.exe was not attached" in message_of(mail).body


def test_nul_characters_are_dropped_so_every_database_takes_the_text(world):
    mail = ingest(build_mail(subject="bad\x00subject", body="before\x00after"), "pipe")
    assert mail.state == InboundMail.State.PROCESSED, mail.reason
    assert "beforeafter" in message_of(mail).body and "\x00" not in ticket_of(mail).subject


def test_a_mail_that_cannot_be_read_is_kept_and_marked_failed(world):
    mail = ingest(b"", "pipe")
    assert mail.state == InboundMail.State.FAILED and mail.reason
    assert InboundMail.objects.get().size == 0


def test_a_failure_rolls_back_everything_and_a_retry_after_the_fix_succeeds(world, monkeypatch):
    real_create = inbox.deliver

    def broken(*args, **kwargs):
        real_create(*args, **kwargs)
        raise RuntimeError("bug in a later step")

    monkeypatch.setattr(inbox, "deliver", broken)
    mail = ingest(build_mail(sender="new@nowhere.test"), "pipe")
    assert mail.state == InboundMail.State.FAILED and "bug in a later step" in mail.reason
    assert not Contact.objects.filter(email="new@nowhere.test").exists() and Ticket.objects.count() == 0
    monkeypatch.setattr(inbox, "deliver", real_create)
    mail = inbox.retry(mail)
    assert mail.state == InboundMail.State.PROCESSED and mail.attempts == 2 and Ticket.objects.count() == 1


def test_a_new_mails_first_try_is_counted_as_it_is_stored(world, monkeypatch):
    def crash(*args, **kwargs):
        # The try's count must already be committed when processing starts; the crash comes after.
        assert InboundMail.objects.get().attempts == 1
        raise KeyboardInterrupt  # not caught by the intake: like the process dying here

    monkeypatch.setattr(inbox, "parse", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(build_mail(), "pipe")
    left = InboundMail.objects.get()
    assert left.state == InboundMail.State.RECEIVED and left.attempts == 1


def test_a_mail_left_half_done_by_a_crash_is_processed_when_it_arrives_again(world):
    raw = build_mail()
    stored = inbox.store(raw, "imap").mail  # the process died before processing it
    assert stored.state == InboundMail.State.RECEIVED
    assert ingest(raw, "imap").state == InboundMail.State.PROCESSED
    assert Ticket.objects.count() == 1


def test_a_mail_that_keeps_crashing_the_process_waits_for_a_person(world):
    raw = build_mail()
    stored = inbox.store(raw, "imap").mail
    InboundMail.objects.filter(pk=stored.pk).update(attempts=inbox.MAX_UNATTENDED_ATTEMPTS)
    again = ingest(raw, "imap")  # redelivered after the third crash: kept, not tried again
    assert again.state == InboundMail.State.RECEIVED and Ticket.objects.count() == 0
    assert inbox.retry(InboundMail.objects.get(pk=stored.pk)).state == InboundMail.State.PROCESSED


def test_a_20_mb_attachment_reaches_the_ticket(world):
    data = bytes(range(256)) * (20_000_000 // 256)
    mail = ingest(build_mail(attachments=[("scan.pdf", "application/pdf", data)]), "pipe")
    attachment = ticket_of(mail).attachments.get()
    assert (attachment.filename, attachment.size) == ("scan.pdf", len(data))
    with attachment.file.open("rb") as stored:
        assert stored.read() == data
