"""Building test mails the way clients send them (not a fixture file: each test says what matters)."""

from __future__ import annotations

import itertools
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from django.utils import timezone

_seq = itertools.count(1)


def build_mail(
    *,
    sender: str = "Anna Müller <anna@mueller.test>",
    to: str = "support@serviceloop.test",
    subject: str = "Spindle grinds at 3000 rpm",
    body: str = "Since this morning the spindle grinds.",
    message_id: str | None = None,
    in_reply_to: str = "",
    references: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
) -> bytes:
    mail = EmailMessage(policy=SMTP)
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(timezone.now())
    mail["Message-ID"] = message_id or make_msgid(f"t{next(_seq)}", domain="client.test")
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
    if references:
        mail["References"] = references
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body)
    for filename, content_type, content in attachments or []:
        maintype, subtype = content_type.split("/")
        mail.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return mail.as_bytes()
