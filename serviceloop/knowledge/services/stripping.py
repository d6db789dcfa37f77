"""Taking customer data out of ticket text before it becomes a knowledge article.

An article drafted from a ticket is read by other customers (once published), so it must not carry
who had the problem: their organisation and people, e-mail addresses, phone numbers, the serial
numbers of their machines, the ticket number, or links that carry a secret (verification links,
shared files). The engineer still reads the draft before submitting it; this catches what is easy to
miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.utils.translation import gettext as _

# Addresses: the usual local@domain.tld shape, also inside angle brackets or mailto: links.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])", re.UNICODE)
# Ticket numbers like SL-2026-000123, whatever the prefix.
TICKET_NUMBER = re.compile(r"(?<![\w-])[A-Z]{1,10}-\d{4}-\d{3,}(?![\w-])")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
# Something that may be a phone number: an optional + or 00, digits with spaces, dots, dashes,
# slashes or brackets between them. Whether it is one is decided by _looks_like_phone.
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d[\d \-./()]{5,}\d(?![\w])")
_DATE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
_TOKEN_PARAMS = frozenset({
    "token", "access_token", "auth", "key", "api_key", "apikey", "sig", "signature", "code", "session",
    "sid", "password", "pwd", "secret", "t",
})  # fmt: skip
# A path segment that reads like a secret: long, of letters and digits both.
_TOKEN_SEGMENT = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9_\-:.=]{20,}$")
_MIN_NAME_PART = 3
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MAX_ROWS = 1000  # contacts or machines of one organisation taken into account


def _looks_like_phone(text: str) -> bool:
    """7 to 15 digits (the international limit) that are not a date or a decimal number. Without a
    leading + or 00 at least 9 digits (a local number with its area code), 10 when written without
    separators: shorter runs such as 4711-0815 are more often part numbers than phones."""
    stripped = text.strip()
    digits = sum(ch.isdigit() for ch in stripped)
    if not 7 <= digits <= 15 or _DATE.match(stripped) or _DECIMAL.match(stripped):
        return False
    if stripped.startswith(("+", "00", "(+")):
        return True
    return digits >= (10 if stripped.isdigit() else 9)


def has_token(url: str) -> bool:
    """Whether a link carries a secret in its query (token=, key=, ...) or as a long random segment."""
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return True  # a malformed link is left out rather than kept
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in _TOKEN_PARAMS and value:
            return True
    return any(_TOKEN_SEGMENT.match(segment) for segment in parts.path.split("/"))


def _bounded(word: str) -> str:
    # Chinese and Japanese are written without spaces: there a name stands anywhere in the text.
    if _CJK.search(word):
        return re.escape(word)
    return rf"(?<!\w){re.escape(word)}(?!\w)"


def _literal(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of `words` (as whole words, where words have spaces between them),
    case-insensitively, longest first."""
    unique = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(_bounded(w) for w in unique), re.IGNORECASE)


def _names(ticket: Any) -> tuple[list[str], list[str]]:
    """The organisation's names, and the people's (full names first, then their parts)."""
    organisation = ticket.organisation
    orgs = [organisation.name] if organisation is not None else []
    people: list[str] = []
    if ticket.organisation_id:
        people += list(organisation.contacts.values_list("name", flat=True)[:_MAX_ROWS])
    contact = ticket.contact if ticket.contact_id else None
    if contact is not None and contact.name:
        # The ticket's own contact also by first or last name alone ("Dear Anna").
        people.append(contact.name)
        people += [part for part in re.split(r"[\s,.]+", contact.name) if len(part) >= _MIN_NAME_PART]
    return orgs, people


def _serials(ticket: Any) -> list[str]:
    """The ticket's machine's serial number and those of every machine its organisation owns."""
    serials = []
    if ticket.machine_id and ticket.machine is not None:
        serials.append(ticket.machine.serial_number)
    if ticket.organisation_id:
        serials += list(ticket.organisation.machines.values_list("serial_number", flat=True)[:_MAX_ROWS])
    return serials


def _contact_details(ticket: Any) -> list[str]:
    contact = ticket.contact if ticket.contact_id else None
    if contact is None:
        return []
    return [value for value in (contact.email, contact.phone, contact.mobile) if value]


def _replace_phones(text: str, marker: str) -> str:
    return PHONE_CANDIDATE.sub(lambda m: marker if _looks_like_phone(m.group()) else m.group(), text)


def strip_customer_data(text: str, ticket: Any) -> str:
    """`text` with the ticket's customer data replaced by markers such as [customer] or [phone].

    Markers are in the active language (the caller activates the article's)."""
    if not text:
        return ""
    text = URL.sub(lambda m: _("[link removed]") if has_token(m.group()) else m.group(), text)
    details = _literal(_contact_details(ticket))
    if details is not None:
        text = details.sub(_("[contact details]"), text)
    text = EMAIL.sub(_("[e-mail]"), text)
    numbers = _literal([ticket.number] if ticket.number else [])
    if numbers is not None:
        text = numbers.sub(_("[ticket]"), text)
    text = TICKET_NUMBER.sub(_("[ticket]"), text)
    serials = _literal(_serials(ticket))
    if serials is not None:
        text = serials.sub(_("[serial number]"), text)
    orgs, people = _names(ticket)
    for words, marker in ((orgs, _("[customer]")), (people, _("[name]"))):
        pattern = _literal(words)
        if pattern is not None:
            text = pattern.sub(marker, text)
    return _replace_phones(text, _("[phone]"))
