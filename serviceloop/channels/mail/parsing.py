"""Reading a raw RFC 5322 message into what the desk needs, never raising on what clients send.

Only `UnreadableMail` leaves `parse`, and only when there is nothing to work with (no bytes, no headers,
over the size limit). Every problem worked around is named in `ParsedMail.defects`.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from email.policy import EmailPolicy, compat32, default
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from django.conf import settings

from .bodies import html_to_text, plain_to_html, sanitise_html
from .charsets import safe_text
from .headers import decode_header_text, message_ids, parse_addresses, parse_date
from .parsed import MailPart, ParsedMail, UnreadableMail
from .structure import MAX_PARTS, Walk, walk

__all__ = ["MailPart", "ParsedMail", "UnreadableMail", "clean_message_id", "parse", "read_message_id"]

DEFAULT_MAX_BYTES = 60 * 1024 * 1024
MAX_HEADERS = 500  # distinct header names kept in ParsedMail.headers
MAX_DEFECTS = 50
_MAX_DELIMITERS = 2 * MAX_PARTS + 500  # boundary lines parsed; enough for MAX_PARTS parts in any shape
_BOUNDARY = re.compile(rb'boundary\s*=\s*"?([^";\r\n]{1,200})', re.IGNORECASE)
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,4}")
_CID = re.compile(r"cid:([^\"'\s>)]+)", re.IGNORECASE)


class _ReadingPolicy(EmailPolicy):
    """`email.policy.default`, remembering parsed header objects.

    The parser asks for a part's Content-Type several times and each time the modern header classes
    parse it anew; most values (`text/plain; charset="utf-8"`) recur from mail to mail as well.
    """

    def header_fetch_parse(self, name: str, value: Any) -> Any:
        if hasattr(value, "name") or len(value) > 500:
            return super().header_fetch_parse(name, value)
        return _parsed_header(name, value)


@lru_cache(maxsize=1024)
def _parsed_header(name: str, value: str) -> Any:
    return default.header_fetch_parse(name, value)


_POLICY = _ReadingPolicy()


def parse(raw: bytes) -> ParsedMail:
    """Everything the desk needs from a raw mail; raises `UnreadableMail` only when nothing is usable."""
    raw = bytes(raw)
    limit = int(getattr(settings, "MAIL_MAX_BYTES", DEFAULT_MAX_BYTES))
    if len(raw) > limit:
        raise UnreadableMail(f"the mail has {len(raw)} bytes, more than the limit of {limit}")
    if not raw.strip():
        raise UnreadableMail("the mail is empty")
    problems: list[str] = []
    message, whole = read_tree(raw, problems)
    if not message.keys():
        raise UnreadableMail("the mail has no headers")
    mail = _read_headers(message, problems)
    found = Walk()
    try:
        if whole:
            found = walk(message, _line_separator(raw))
            _fill_body(mail, found)
    except Exception as error:
        found = Walk()
        problems.append(f"the body could not be read: {type(error).__name__}")
    accepted = mail.headers.get("accept-language", "")
    mail.language = mail.language or _language(found.language) or _language(accepted)
    mail.is_signed, mail.is_calendar, mail.is_bounce = found.is_signed, found.is_calendar, found.is_bounce
    mail.defects = list(dict.fromkeys(problem[:300] for problem in problems + found.problems))[:MAX_DEFECTS]
    return _storable(mail)


def _storable(mail: ParsedMail) -> ParsedMail:
    """Every text made safe for the database once more, whichever way it was read (the last guard)."""
    for name in (
        "message_id",
        "subject",
        "from_address",
        "from_name",
        "text",
        "html",
        "return_path",
        "language",
    ):
        setattr(mail, name, safe_text(getattr(mail, name)))
    for name in ("to", "cc", "reply_to", "in_reply_to", "references", "defects"):
        setattr(mail, name, [safe_text(value) for value in getattr(mail, name)])
    mail.headers = {safe_text(key): safe_text(value) for key, value in mail.headers.items()}
    for part in mail.attachments:
        part.filename, part.content_id = safe_text(part.filename), safe_text(part.content_id)
    return mail


def read_tree(raw: bytes, problems: list[str]) -> tuple[Message, bool]:
    """The parsed mail, and whether its body was parsed too (else only the headers could be read)."""
    cut = _part_limit_cut(raw)
    if cut < len(raw):
        problems.append(f"more than {MAX_PARTS} parts; the rest was not read")
        raw = raw[:cut]
    try:
        return BytesParser(policy=_POLICY).parsebytes(raw), True
    except RecursionError:  # the parser recurses once per nested part: hundreds of levels exhaust it
        problems.append("the parts nest too deeply; only the headers were read")
    except Exception as error:
        problems.append(f"the body could not be parsed ({type(error).__name__}); only the headers were read")
    try:
        return BytesParser(policy=_POLICY).parsebytes(raw, headersonly=True), False
    except Exception as error:
        raise UnreadableMail(f"the headers could not be read: {type(error).__name__}") from error


def _part_limit_cut(raw: bytes) -> int:
    """Where to stop parsing so that a mail of countless tiny parts costs no more than a normal one."""
    if raw.count(b"\n--") <= _MAX_DELIMITERS:
        return len(raw)
    boundaries = list(dict.fromkeys(match.group(1).strip() for match in _BOUNDARY.finditer(raw)))[:500]
    if not boundaries:
        return len(raw)
    delimiter = re.compile(b"\n--(?:" + b"|".join(re.escape(boundary) for boundary in boundaries) + b")")
    for count, match in enumerate(delimiter.finditer(raw), start=1):
        if count > _MAX_DELIMITERS:
            return match.start() + 1
    return len(raw)


def _line_separator(raw: bytes) -> str:
    end = raw.find(b"\n")
    return "\r\n" if end > 0 and raw[end - 1 : end] == b"\r" else "\n"


def _read_headers(message: Message, problems: list[str]) -> ParsedMail:
    first: dict[str, str] = {}
    headers: dict[str, str] = {}
    for name, value in message.raw_items():
        key = safe_text(name.strip().lower())
        if key in first or len(first) >= MAX_HEADERS:
            continue
        first[key] = value if isinstance(value, str) else str(value)
        headers[key] = decode_header_text(first[key], problems)
    senders = parse_addresses(first.get("from", ""))
    if "from" in first and not senders:
        problems.append("the From header has no usable address")
    mail = ParsedMail(
        message_id=clean_message_id(safe_text(first.get("message-id", ""))),
        subject=headers.get("subject", ""),
        from_address=senders[0][1] if senders else "",
        from_name=senders[0][0] if senders else "",
        to=[address for _name, address in parse_addresses(first.get("to", ""))],
        cc=[address for _name, address in parse_addresses(first.get("cc", ""))],
        reply_to=[address for _name, address in parse_addresses(first.get("reply-to", ""))],
        in_reply_to=message_ids(first.get("in-reply-to", "")),
        references=message_ids(first.get("references", "")),
        headers=headers,
        return_path=_return_path(first.get("return-path", "")),
        language=_language(headers.get("content-language", "")),
    )
    if "date" in first:
        mail.date = parse_date(headers["date"])
        if mail.date is None:
            problems.append(f"unreadable Date {headers['date'][:60]!r}")
    return mail


def _return_path(value: str) -> str:
    if "".join(value.split()) == "<>":
        return "<>"
    found = parse_addresses(value)
    return found[0][1] if found else ""


def _language(value: str) -> str:
    tag = value.split(",", 1)[0].split(";", 1)[0].strip()
    return tag if _LANGUAGE.fullmatch(tag) else ""


def _fill_body(mail: ParsedMail, found: Walk) -> None:
    has_html = any(piece.html is not None for piece in found.pieces)
    texts: list[str] = []
    htmls: list[str] = []
    for piece in found.pieces:
        clean_html = sanitise_html(piece.html) if piece.html is not None else None
        plain = piece.plain
        if (plain is None or not plain.strip()) and clean_html:
            plain = html_to_text(clean_html)
        if plain and plain.strip():
            texts.append(plain.strip("\n"))
        if has_html:
            htmls.append(clean_html if clean_html is not None else sanitise_html(plain_to_html(plain or "")))
    mail.text = "\n\n".join(texts)
    if not mail.text.strip():
        mail.text = "\n\n".join(dict.fromkeys(found.calendar_texts + found.notices))
    mail.html = "".join(htmls)
    referenced = {unquote(cid).lower() for cid in _CID.findall(mail.html)}
    for part in found.attachments:
        part.inline = part.inline or (bool(part.content_id) and part.content_id.lower() in referenced)
    mail.attachments = found.attachments


def clean_message_id(value: str) -> str:
    """`<a@b>` and ` a@b ` both give `a@b`; ids are compared without brackets and whitespace."""
    value = "".join(str(value).split())
    if value.startswith("<") and ">" in value:
        value = value[1 : value.index(">")]
    return value[:998]


def read_message_id(raw: bytes) -> str:
    """The Message-ID from the headers alone, cheaply, without angle brackets; "" when absent."""
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    head = raw if end < 0 else raw[:end]
    headers = BytesHeaderParser(policy=compat32).parsebytes(head)
    value = headers.get("Message-ID", "")
    return clean_message_id(str(value)) if value else ""
