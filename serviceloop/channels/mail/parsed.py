"""What parsing a mail gives: the fields the desk needs, independent of how the mail was built."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class UnreadableMail(Exception):
    """The bytes are not an e-mail we can do anything with (no headers at all, beyond limits...)."""


@dataclass
class MailPart:
    filename: str
    content_type: str
    content: bytes
    content_id: str = ""  # without angle brackets; set for inline (cid:) parts
    inline: bool = False


@dataclass
class ParsedMail:
    message_id: str  # without angle brackets, "" when the mail has none
    subject: str
    from_address: str  # lower-cased addr-spec, "" when missing or unreadable
    from_name: str
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    reply_to: list[str] = field(default_factory=list)
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    date: datetime | None = None  # aware
    text: str = ""  # the readable text; made from the HTML when the mail has no text part
    html: str = ""  # sanitised HTML, "" when the mail had none
    attachments: list[MailPart] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names, first value, decoded
    return_path: str = ""  # lower-cased address; "<>" for the null sender of bounces and auto-replies
    language: str = ""  # from Content-Language / Accept-Language when given
    defects: list[str] = field(default_factory=list)  # problems met and worked around
    is_signed: bool = False  # S/MIME or PGP
    is_calendar: bool = False
    is_bounce: bool = False  # delivery status notification (multipart/report)
