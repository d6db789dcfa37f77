"""Mail too large to fetch: it stays in the IMAP folder, and administrators see who sent what.

A message over MAIL_MAX_BYTES is never fetched (it would not fit the limits the rest of the intake
keeps), so it is not lost either: it waits on the mail server. Each poll lists such messages on
their mailbox by their headers alone, and the received-mail page shows them, so someone raises the
limit (the next poll then fetches them) or answers the sender from a mail program.
"""

from __future__ import annotations

from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from .headers import decode_header_text, parse_addresses, parse_date

LISTED = 50  # messages described per mailbox; the count in the mailbox's error tells the rest
HEADER_ITEM = "BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)]"


def describe(uid: str, size: int, headers: bytes) -> dict[str, Any]:
    """What the list shows of one message: its sender, subject and date, read leniently."""
    # compat32 hands the raw values over undecoded; the intake's own readers decode them as they
    # decode every other mail's (RFC 2047 words, 8-bit Chinese headers).
    message = BytesHeaderParser(policy=compat32).parsebytes(headers)
    senders = parse_addresses(str(message.get("From", "")))
    sent = parse_date(str(message.get("Date", "")))
    return {
        "uid": uid,
        "size": size,
        "from": senders[0][1] if senders else "",
        "from_name": senders[0][0] if senders else "",
        "subject": decode_header_text(str(message.get("Subject", ""))),
        "date": sent.isoformat() if sent else "",
    }


def waiting_mail(mailboxes: Any) -> list[dict[str, Any]]:
    """Every listed message of `mailboxes`, each with its mailbox's name and folder, largest first."""
    rows = []
    for mailbox in mailboxes:
        for entry in mailbox.waiting_too_large or []:
            sent = datetime.fromisoformat(entry["date"]) if entry.get("date") else None
            rows.append({**entry, "sent": sent, "mailbox": mailbox.name, "folder": mailbox.imap_folder})
    return sorted(rows, key=lambda row: -int(row.get("size") or 0))
