"""What the customer's mail server receives from us: headers, threading, parts, files, language, wording."""

from __future__ import annotations

import hashlib
import io
import logging
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from django.core import mail as django_mail

from serviceloop.channels.mail import outgoing
from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.models import InboundMail, Mailbox, MailTemplate, OutboundMail
from serviceloop.customers.models import Contact
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import Upload, add_message

from .mailfactory import build_mail
from .smtp_server import SmtpServer


@pytest.fixture
def smtp(settings):
    settings.MAIL_DOMAIN = "mail.serviceloop.test"
    with SmtpServer() as server:
        server.use(settings)
        yield server


@pytest.fixture
def mailbox(world) -> Mailbox:
    return Mailbox.objects.create(
        name="Müller Service Desk", address="desk@serviceloop.test", team=world.team
    )


def customer_mail(ticket: Ticket, message_id: str, at: datetime) -> InboundMail:
    raw = f"Message-ID: <{message_id}>\r\n\r\nhello".encode()
    return InboundMail.objects.create(
        source=InboundMail.Source.SMTP, raw=raw, sha256=hashlib.sha256(raw).hexdigest(),
        message_id=message_id, received_at=at, state=InboundMail.State.PROCESSED, ticket=ticket,
    )  # fmt: skip


def text_of(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return part.get_content().replace("\r\n", "\n")


def open_ticket(world, capture, **fields) -> Ticket:
    with capture(execute=True):
        return world.ticket(team_id=world.team.pk, **fields)


def test_a_reply_reaches_the_customer_with_threading_parts_and_files(
    world, smtp, mailbox, django_capture_on_commit_callbacks
):
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    [receipt] = smtp.received
    customer_mail(ticket, "first.answer@client.test", datetime.now(UTC) + timedelta(seconds=1))
    photo = Upload("belt photo.jpg", "image/jpeg", io.BytesIO(b"\xff\xd8 jpeg bytes"), 13)
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.agent, ticket, "Please check the belt tension: https://example.test/belt?x=1&y=2",
                    uploads=[photo])  # fmt: skip
    reply = smtp.received[-1]
    message = reply.message
    stored = OutboundMail.objects.get(ticket=ticket, kind="replied")

    assert reply.mail_from == "desk@serviceloop.test" and reply.rcpt_tos == ["anna@mueller.test"]
    assert message["From"] == "Müller Service Desk <desk@serviceloop.test>" == message["Reply-To"]
    assert message["Message-ID"] == f"<{stored.message_id}>"
    assert stored.message_id.startswith(f"sl.{ticket.pk}.") and stored.message_id.endswith(
        "@mail.serviceloop.test"
    )
    assert message["In-Reply-To"] == "<first.answer@client.test>"
    receipt_id = receipt.message["Message-ID"]
    assert message["References"].split() == [receipt_id, "<first.answer@client.test>"]
    assert message["Subject"] == f"[{ticket.number}] {ticket.subject}"
    assert message["X-Serviceloop-Ticket"] == ticket.number and message["Auto-Submitted"] is None
    assert receipt.message["Auto-Submitted"] == "auto-generated"

    assert "Please check the belt tension" in text_of(message)
    assert '<a href="https://example.test/belt?x=1&amp;y=2">' in text_of(message, "html")
    [attachment] = list(message.iter_attachments())
    assert (
        attachment.get_filename() == "belt photo.jpg" and attachment.get_content() == b"\xff\xd8 jpeg bytes"
    )
    assert message.get_content_type() == "multipart/mixed"
    assert message.get_payload(0).get_content_type() == "multipart/alternative"
    assert stored.state == OutboundMail.State.SENT and stored.sent_at is not None and stored.attempts == 1
    # The bytes on the wire are the ones stored: a retry would send the very same mail.
    assert bytes(stored.raw).replace(b"\r\n", b"\n") == reply.raw.replace(b"\r\n", b"\n")


def test_a_ticket_opened_by_mail_is_acknowledged_with_the_time_we_answer_by(
    world, smtp, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket(team_id=world.team.pk, channel=Channel.EMAIL)
        customer_mail(ticket, "question@client.test", ticket.received_at)
        Ticket.objects.filter(pk=ticket.pk).update(due_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    [ack] = smtp.received
    message = ack.message
    text = text_of(message)
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["In-Reply-To"] == "<question@client.test>"
    assert message["Subject"] == f"[{ticket.number}] We have received your request: {ticket.subject}"
    assert f"Your request is recorded as {ticket.number}." in text
    # 09:00 UTC is 10:00 in Berlin, the organisation's zone (the contact names none).
    assert "You will hear from us by March 2, 2026, 10 a.m. (Europe/Berlin)." in text
    assert OutboundMail.objects.get(ticket=ticket).kind == "acknowledged"


def test_without_a_deadline_the_acknowledgement_promises_no_time(
    world, smtp, django_capture_on_commit_callbacks
):
    open_ticket(world, django_capture_on_commit_callbacks, channel=Channel.EMAIL)
    [ack] = smtp.received
    assert "hear from us by" not in text_of(ack.message)
    # No team mailbox: the default sender.
    assert ack.message["From"] == "Serviceloop <support@serviceloop.localhost>"


def test_a_chinese_contact_gets_chinese_wording_and_dates_in_their_zone(
    world, smtp, django_capture_on_commit_callbacks
):
    contact = Contact.objects.create(
        organisation=world.other_org, name="王工", email="wang@jinggong.test", language="zh-hans"
    )
    MailTemplate.objects.create(
        kind="acknowledged", language="zh-hans", subject="已收到：{{ ticket.subject }}",
        body="{{ contact_name }}您好，工单 {{ ticket.number }} 已登记，我们将在 {{ due_at }} 之前答复。",
    )  # fmt: skip
    fields = dict(
        organisation_id=world.other_org.pk, contact_id=contact.pk, machine_id=world.other_machine.pk
    )
    with django_capture_on_commit_callbacks(execute=True):
        phoned = world.ticket(subject="主轴异响", **fields)
        mailed = world.ticket(subject="主轴异响", channel=Channel.EMAIL, **fields)
        Ticket.objects.filter(pk=mailed.pk).update(due_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    receipt, ack = (r.message for r in smtp.received)
    # The file default, translated.
    assert receipt["Subject"] == f"[{phoned.number}] 我们已收到您的服务请求: 主轴异响"
    assert "感谢您联系我们" in text_of(receipt)
    # The administrators' Chinese wording, the number added to the subject, the time in Shanghai.
    assert ack["Subject"] == f"[{mailed.number}] 已收到：主轴异响"
    ack_text = text_of(ack)
    due = "2026年3月2日 17:00 (Asia/Shanghai)"
    assert f"王工您好，工单 {mailed.number} 已登记，我们将在 {due} 之前答复。" in ack_text
    assert ack["Content-Language"] == "zh-hans"


def test_an_english_administrator_template_does_not_replace_the_translated_default(
    world, smtp, django_capture_on_commit_callbacks
):
    MailTemplate.objects.create(
        kind="replied", language="en", subject="Answer on {{ ticket.subject }}",
        body="Dear {{ contact_name }},\n\n{{ reply_text }}\n\nStatus: {{ ticket.status }}\n{{ ticket.url }}",
    )  # fmt: skip
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.agent, ticket, "The new belt ships today.")
    english = smtp.received[-1].message
    assert english["Subject"] == f"[{ticket.number}] Answer on {ticket.subject}"
    assert text_of(english).startswith("Dear Anna Müller,\n\nThe new belt ships today.\n\nStatus: New")
    assert f"/portal/tickets/{ticket.number}/" in text_of(english)

    world.contact.language = "zh-hans"
    world.contact.save()
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.agent, ticket, "Tracking number follows.")
    chinese = smtp.received[-1].message
    assert "Answer on" not in chinese["Subject"] and "Dear" not in text_of(chinese)
    assert "Tracking number follows." in text_of(chinese)


@pytest.mark.parametrize(
    "body", ["{% if %}broken{% endif %}", "{% include 'channels/email/replied_body.txt' %}", "   "]
)
def test_a_broken_administrator_template_falls_back_to_the_default(
    world, smtp, body, caplog, django_capture_on_commit_callbacks
):
    MailTemplate.objects.create(
        kind="replied", language="en", subject="Custom {{ ticket.number }}", body=body
    )
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    with caplog.at_level(logging.WARNING, logger="serviceloop.channels.mail.templates"), \
            django_capture_on_commit_callbacks(execute=True):  # fmt: skip
        add_message(world.agent, ticket, "Please check the belt tension.")
    message = smtp.received[-1].message
    assert message["Subject"] == f"[{ticket.number}] {ticket.subject}"
    assert "Please check the belt tension." in text_of(message)
    assert any("replied (en)" in record.getMessage() for record in caplog.records)


def test_the_ticket_number_is_in_the_subject_exactly_once():
    n = "SL-2026-000123"
    assert outgoing.subject_with_number("Spindle noise", n) == f"[{n}] Spindle noise"
    assert outgoing.subject_with_number(f"[{n}] Re: [{n}] Spindle", n) == f"[{n}] Re: Spindle"
    assert outgoing.subject_with_number(f"Re: Spindle [ {n.lower()} ]", n) == f"Re: Spindle [{n}]"
    assert (
        outgoing.subject_with_number(f"[{n}] Re: [SL-2026-000124] old", n)
        == f"[{n}] Re: [SL-2026-000124] old"
    )


def test_html_part_is_escaped_text(world, smtp, django_capture_on_commit_callbacks):
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.agent, ticket, 'If 2<3 & 5>4 "reboot".\n\nThen call us.')
        add_message(world.agent, ticket, "<p>Hello <b>there</b> &amp; <script>alert(1)</script></p>")
    plain = smtp.received[-2].message
    html = text_of(plain, "html")
    assert "If 2&lt;3 &amp; 5&gt;4 &quot;reboot&quot;.</p>" in html and "<p>Then call us.</p>" in html
    assert 'If 2<3 & 5>4 "reboot".' in text_of(plain)
    # Nothing is loaded from elsewhere when the mail is opened.
    assert "src=" not in html and "<link" not in html
    # A body written as HTML (API, mail) reaches the customer as its text, its markup gone.
    marked_up = smtp.received[-1].message
    assert "Hello there & alert(1)" in text_of(marked_up) and "<script>" not in text_of(marked_up, "html")


def test_unsafe_or_many_message_ids_never_reach_the_headers(world, smtp, django_capture_on_commit_callbacks):
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    start = datetime.now(UTC)
    for i in range(25):
        customer_mail(ticket, f"m{i:02}@client.test", start + timedelta(minutes=i + 1))
    customer_mail(ticket, "evil>\r\nBcc: someone@else.test", start + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.agent, ticket, "Answer")
    message = smtp.received[-1].message
    references = message["References"].split()
    # Bounded to the latest, oldest first, the mail we answer last.
    assert (
        len(references) == 20
        and references[-1] == "<m24@client.test>"
        and "<m00@client.test>" not in references
    )
    theirs = [ref for ref in references if ref.endswith("@client.test>")]
    assert theirs == sorted(theirs) and len(theirs) >= 19
    assert message["In-Reply-To"] == "<m24@client.test>" and message["Bcc"] is None
    assert b"someone@else.test" not in smtp.received[-1].raw


def test_nothing_is_composed_for_a_ticket_without_a_mail_address(
    world, smtp, django_capture_on_commit_callbacks
):
    world.contact.email = ""
    world.contact.save()
    open_ticket(world, django_capture_on_commit_callbacks)
    open_ticket(world, django_capture_on_commit_callbacks, contact_id=None)
    assert not smtp.received and not OutboundMail.objects.exists()


def test_internal_notes_and_customer_replies_send_nothing(world, smtp, django_capture_on_commit_callbacks):
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.agent, ticket, "internal", internal=True)
        add_message(world.customer, ticket, "Thanks")
    assert [m.kind for m in OutboundMail.objects.all()] == ["created"] and len(smtp.received) == 1


def test_the_locmem_backend_gets_the_stored_mail_too(world, django_capture_on_commit_callbacks):
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    [sent] = django_mail.outbox
    stored = OutboundMail.objects.get(ticket=ticket)
    assert sent.message()["Message-ID"] == f"<{stored.message_id}>" and sent.to == ["anna@mueller.test"]
    assert sent.subject == stored.subject and ticket.number in sent.body


def test_a_stranger_writing_in_gets_an_acknowledgement_that_answers_their_mail(
    world, smtp, mailbox, django_capture_on_commit_callbacks
):
    raw = build_mail(
        sender="Li Wei <li.wei@unknown.test>", to="desk@serviceloop.test", subject="Pump leaks",
        message_id="<pump.1@unknown.test>",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        inbound = ingest(raw, "pipe", mailbox)
    assert inbound.ticket is not None
    [ack] = smtp.received
    message = ack.message
    assert ack.rcpt_tos == ["li.wei@unknown.test"] and ack.mail_from == "desk@serviceloop.test"
    assert message["In-Reply-To"] == "<pump.1@unknown.test>" and message["Auto-Submitted"] == "auto-replied"
    assert message["Subject"] == f"[{inbound.ticket.number}] We have received your request: Pump leaks"
    # Someone with no portal login is told to answer by mail, not sent to a portal they cannot enter.
    assert "Reply to this e-mail" in text_of(message) and "/portal/" not in text_of(message)


def test_a_file_that_cannot_be_attached_is_named_in_the_text(world, smtp, django_capture_on_commit_callbacks):
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    kept = Upload("manual.pdf", "application/pdf", io.BytesIO(b"%PDF-1.4 manual"), 15)
    lost = Upload("wiring.png", "image/png", io.BytesIO(b"\x89PNG wiring"), 11)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = add_message(world.agent, ticket, "Two files for you.", uploads=[kept, lost])
    gone = message.attachments.get(filename="wiring.png")
    gone.file.storage.delete(gone.file.name)
    for callback in callbacks:
        callback()
    sent = smtp.received[-1].message
    assert [part.get_filename() for part in sent.iter_attachments()] == ["manual.pdf"]
    assert "wiring.png could not be attached to this e-mail" in text_of(sent)
