"""Composing the mails we send: rendered once and stored as the exact bytes, so every try sends the same.

Sending is `sending.py`'s job; this module decides what the mail says, who it is from and to, and
which conversation it belongs to in the customer's mail program.
"""

from __future__ import annotations

import logging
import re
import secrets
from contextlib import suppress
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks, urlize
from django.utils.translation import gettext as _

from serviceloop.tickets.models import Attachment, Message, Ticket

from ..models import InboundMail, Mailbox, OutboundMail
from . import templates

logger = logging.getLogger(__name__)

_MAX_REFERENCES = 20
# Most mail servers refuse messages above 25 MB; base64 makes files a third larger.
_MAX_ATTACHED_BYTES = 15 * 1024 * 1024
# A Message-ID we put in a header: printable ASCII without spaces or angle brackets, of sane length.
_SAFE_ID = re.compile(r"[!-;=?-~]{1,250}")


@dataclass(frozen=True)
class Thread:
    in_reply_to: str
    references: list[str]


def thread_of(ticket: Ticket) -> Thread:
    """The ticket's mail conversation: our earlier mails and the customer's, oldest first, bounded."""
    mine = ticket.outbound_mails.order_by("-created_at", "-id").values_list("created_at", "message_id")
    ours = list(mine[:_MAX_REFERENCES])
    theirs = list(
        InboundMail.objects.filter(ticket=ticket)
        .exclude(message_id="")
        .order_by("-received_at", "-id")
        .values_list("received_at", "message_id")[:_MAX_REFERENCES]
    )
    their_ids = [mid for _at, mid in theirs if _SAFE_ID.fullmatch(mid)]
    both = sorted([*ours, *theirs], key=lambda row: row[0])
    ids = list(dict.fromkeys(mid for _at, mid in both if _SAFE_ID.fullmatch(mid)))
    # The customer's latest mail is what we answer; without one, our own latest mail.
    parent = their_ids[0] if their_ids else (ids[-1] if ids else "")
    references = ids[-_MAX_REFERENCES:]
    if parent and parent not in references:
        references = [*references[1:], parent]
    return Thread(parent, references)


def sender_of(ticket: Ticket) -> Address:
    """The team's support address; else the address the customer wrote to; else the default sender."""
    mailbox = None
    if ticket.team_id:
        mailbox = Mailbox.objects.filter(team_id=ticket.team_id, is_active=True).order_by("pk").first()
    if mailbox is None:
        mailbox = (
            Mailbox.objects.filter(mails__ticket=ticket, is_active=True)
            .order_by("-mails__received_at")
            .first()
        )
    if mailbox is not None:
        return _address(mailbox.name, mailbox.address)
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return _address(name, address)


def _address(name: str, address: str) -> Address:
    local, _at, domain = address.strip().rpartition("@")
    # An address whose domain has no IDNA form stays as typed; the server's refusal shows on the ticket.
    with suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return Address(display_name=" ".join(name.split()), username=local, domain=domain)


def new_message_id(ticket: Ticket) -> str:
    return f"sl.{ticket.pk}.{secrets.token_hex(8)}@{settings.MAIL_DOMAIN}"


def subject_with_number(subject: str, number: str) -> str:
    """The ticket number in brackets exactly once: kept where the template put it, else in front."""
    pattern = re.compile(r"\[\s*" + re.escape(number) + r"\s*\]", re.IGNORECASE)
    found = list(pattern.finditer(subject))
    if not found:
        return f"[{number}] {subject}".strip()
    first = found[0]
    rest = pattern.sub("", subject[first.end() :])
    return " ".join(f"{subject[: first.start()]}[{number}]{rest}".split())


def html_of(text: str, language: str) -> str:
    """The HTML part: the text escaped, links made clickable, paragraphs kept; nothing loaded from outside."""
    body = linebreaks(urlize(text, autoescape=True))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8"></head>\n'
        f'<body style="font-family: sans-serif; line-height: 1.4">\n{body}\n</body></html>\n'
    )


@dataclass
class File:
    name: str
    content_type: str
    data: bytes


def files_of(message: Message | None) -> tuple[list[File], list[str]]:
    """The reply's files that fit in a mail, and the names of those that do not (or cannot be read)."""
    if message is None or message.is_internal:
        return [], []
    files: list[File] = []
    left_out: list[str] = []
    total = 0
    attachment: Attachment
    for attachment in message.attachments.all():
        if total + attachment.size > _MAX_ATTACHED_BYTES:
            left_out.append(attachment.filename)
            continue
        try:
            with attachment.file.open("rb") as stored:
                data = stored.read()
        except OSError:
            logger.warning("Attachment %s of message %s cannot be read", attachment.pk, message.pk)
            left_out.append(attachment.filename)
            continue
        total += len(data)
        files.append(File(attachment.filename, attachment.content_type, data))
    return files, left_out


def _left_out_note(names: list[str], language: str) -> str:
    with translation.override(language):
        return "\n".join(
            _("%(name)s could not be attached to this e-mail; you find it on the ticket in the portal.")
            % {"name": name}
            for name in names
        )


def _mime(headers: dict[str, Any], text: str, html: str, files: list[File], to: Address) -> bytes:
    # Addresses whose local part is not ASCII can only travel as SMTPUTF8.
    mail_policy = policy.SMTP if to.username.isascii() else policy.SMTPUTF8
    mime = EmailMessage(policy=mail_policy)
    # Content-* headers belong to the parts until the whole is built; set_content would drop them.
    content = {name: value for name, value in headers.items() if name.lower().startswith("content-")}
    for name, value in headers.items():
        if value and name not in content:
            mime[name] = value
    mime.set_content(text)
    mime.add_alternative(html, subtype="html")
    for file in files:
        maintype, _slash, subtype = file.content_type.partition("/")
        if not (maintype and subtype) or any(c.isspace() for c in file.content_type):
            maintype, subtype = "application", "octet-stream"
        mime.add_attachment(file.data, maintype=maintype, subtype=subtype, filename=file.name)
    for name, value in content.items():
        mime[name] = value
    return mime.as_bytes()


def _thread_lines(thread: Thread) -> bytes:
    # Written by hand: the email package would wrap a long Message-ID in an encoded-word, which mail
    # programs then fail to match. The ids are checked ASCII without spaces, so folding is safe.
    if not thread.references:
        return b""
    references = "\r\n ".join(f"<{mid}>" for mid in thread.references)
    return f"In-Reply-To: <{thread.in_reply_to}>\r\nReferences: {references}\r\n".encode("ascii")


def compose(
    kind: str, ticket: Ticket, message: Message | None = None, extra_context: dict[str, Any] | None = None
) -> OutboundMail | None:
    """Render mail `kind` about `ticket` for its contact and store it, queued; None if nobody to write to."""
    contact = ticket.contact
    if contact is None or not contact.email.strip():
        return None
    reader = templates.audience(ticket)
    mail_kind = templates.kind_of(kind)
    context = {**templates.mail_context(ticket, message, reader), **(extra_context or {})}
    wording = templates.render(kind, reader.language, context)
    files, left_out = files_of(message) if mail_kind.carries_message else ([], [])
    text = wording.text + (("\n" + _left_out_note(left_out, reader.language) + "\n") if left_out else "")
    subject = subject_with_number(wording.subject, ticket.number)
    sender, to, message_id = sender_of(ticket), _address(contact.name, contact.email), new_message_id(ticket)
    thread = thread_of(ticket)
    headers = {
        "From": sender, "Reply-To": sender, "To": to, "Subject": subject,
        "Date": format_datetime(timezone.now()), "Message-ID": f"<{message_id}>",
        "Auto-Submitted": mail_kind.auto_submitted,
        # Exchange's out-of-office and the like stay quiet on machine-made mail.
        "X-Auto-Response-Suppress": "All" if mail_kind.auto_submitted else "",
        "X-Serviceloop-Ticket": ticket.number, "Content-Language": reader.language,
    }  # fmt: skip
    raw = _thread_lines(thread) + _mime(headers, text, html_of(text, reader.language), files, to)
    return OutboundMail.objects.create(
        ticket=ticket, ticket_message=message, kind=kind, message_id=message_id, sender=str(sender)[:320],
        recipients=to.addr_spec, subject=subject[:255], raw=raw,
    )  # fmt: skip


def mail_for_event(kind: str, ticket_id: int, message_id: int | None) -> OutboundMail | None:
    """The mail a ticket event calls for, composed once: asking again returns the same mail."""
    ticket = Ticket.objects.select_related("contact", "organisation").filter(pk=ticket_id).first()
    if ticket is None:
        return None
    message = None
    if message_id:
        message = Message.objects.select_related("author").filter(pk=message_id, ticket=ticket).first()
        if message is None or message.is_internal:
            return None
        existing = OutboundMail.objects.filter(ticket=ticket, ticket_message=message, kind=kind).first()
        if existing is not None:
            return existing
    return compose(kind, ticket, message)
