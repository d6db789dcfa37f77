"""Receiving mail: store the bytes first, then process them; every way in (IMAP, SMTP, pipe) ends here."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from serviceloop.core import rows
from serviceloop.core.errors import ServiceError

from ..models import InboundMail, Mailbox
from ..models.inbound import HAS_MESSAGE_ID
from .parsing import UnreadableMail, parse, read_message_id
from .processing import Outcome, UnplacedMail, deliver, one_line
from .screening import why_not_answered

logger = logging.getLogger(__name__)

# Tries a mail gets on redelivery before it waits for a person; each try is counted before it starts.
MAX_UNATTENDED_ATTEMPTS = 3


@dataclass
class Stored:
    mail: InboundMail
    created: bool  # False: the same mail (Message-ID or bytes) was already here


def _already_stored(sha256: str, message_id: str) -> InboundMail | None:
    # Two single-index lookups: an OR of both makes SQLite scan the table, raw bytes and all.
    mails = InboundMail.objects.only("pk", "state", "attempts")
    found = mails.filter(sha256=sha256).first()
    if found is None and message_id:
        found = mails.filter(HAS_MESSAGE_ID, message_id=message_id).first()
    return found


def store(raw: bytes, source: str, mailbox: Mailbox | None = None, *, processing_now: bool = False) -> Stored:
    """Keep `raw` in its own committed transaction; a mail seen before only counts a delivery.

    `processing_now`: the caller processes a new mail at once, so its first try is counted here, in
    the same commit (see `process`)."""
    sha256 = hashlib.sha256(raw).hexdigest()
    message_id = read_message_id(raw)
    for _attempt in range(2):
        # Insert first: new mail is the common case, and the unique indexes decide races (the same
        # mail through IMAP and SMTP at once) where a look-before-insert could not.
        try:
            with transaction.atomic():
                mail = InboundMail.objects.create(
                    source=source,
                    mailbox=mailbox,
                    raw=raw,
                    size=len(raw),
                    sha256=sha256,
                    message_id=message_id,
                    attempts=1 if processing_now else 0,
                )
            return Stored(mail, created=True)
        except IntegrityError:
            existing = _already_stored(sha256, message_id)
        if existing is not None:
            InboundMail.objects.filter(pk=existing.pk).update(deliveries=F("deliveries") + 1)
            return Stored(existing, created=False)
    raise RuntimeError("could not store or find the mail")  # pragma: no cover


def _finish(mail: InboundMail, state: str, reason: str = "", outcome: Outcome | None = None) -> InboundMail:
    mail.state, mail.reason, mail.processed_at = state, reason[:5000], timezone.now()
    mail.ticket = outcome.ticket if outcome else None
    mail.ticket_message = outcome.message if outcome else None
    fields = ["state", "reason", "processed_at", "ticket", "ticket_message", "from_address", "subject"]
    rows.update(mail, fields)
    return mail


def process(mail: InboundMail, *, try_counted: bool = False, sender_vouched: bool = False) -> InboundMail:
    """Turn a stored mail into a ticket or a reply. Never raises for a bad mail: it is marked failed.

    The mail's outcome is written in the same transaction as the ticket or reply, so a crash leaves
    it "received" (and a new try finds it), never half done. Each try is counted and committed
    before it starts (`try_counted`: the caller already did), so a mail that crashes the process
    again and again is noticed.
    """
    if not try_counted:
        InboundMail.objects.filter(pk=mail.pk).update(attempts=F("attempts") + 1)
        mail.attempts += 1
    try:
        parsed = parse(bytes(mail.raw))
    except UnreadableMail as exc:
        return _finish(mail, InboundMail.State.FAILED, f"unreadable: {exc}")
    except Exception as exc:  # a parser bug must not stop the mails behind this one
        logger.exception("mail %s could not be parsed", mail.pk)
        return _finish(mail, InboundMail.State.FAILED, f"could not be read: {exc!r}")
    mail.from_address = parsed.from_address[:320]
    mail.subject = one_line(parsed.subject)
    reason = why_not_answered(parsed)
    if reason:
        return _finish(mail, InboundMail.State.IGNORED, reason)
    try:
        with transaction.atomic():
            outcome = deliver(mail, parsed, sender_vouched=sender_vouched)
            return _finish(mail, InboundMail.State.PROCESSED, outcome=outcome)
    except (ServiceError, UnplacedMail) as exc:
        return _finish(mail, InboundMail.State.FAILED, getattr(exc, "message", None) or str(exc))
    except Exception as exc:
        logger.exception("mail %s could not be processed", mail.pk)
        return _finish(mail, InboundMail.State.FAILED, f"could not be processed: {exc!r}")


def retry(mail: InboundMail, *, sender_vouched: bool = False) -> InboundMail:
    """Process a failed (or stuck) mail again, e.g. after a fix; a processed one is left alone.

    `sender_vouched`: the person retrying read the mail and vouches for its sender."""
    if mail.state == InboundMail.State.PROCESSED:
        return mail
    return process(mail, sender_vouched=sender_vouched)


def needs_processing(stored: Stored) -> bool:
    """New mail, or mail a crash left half done; but one that crashed the process again and again
    waits for a person (the "interrupted" list), so redelivery cannot stop the mails behind it."""
    if stored.created:
        return True
    mail = stored.mail
    return mail.state == InboundMail.State.RECEIVED and mail.attempts < MAX_UNATTENDED_ATTEMPTS


def ingest(raw: bytes, source: str, mailbox: Mailbox | None = None) -> InboundMail:
    """Store, then process unless it was processed before. Never raises for a bad mail."""
    stored = store(raw, source, mailbox, processing_now=True)
    if stored.created:
        return process(stored.mail, try_counted=True)  # its first try was counted as it was stored
    return process(stored.mail) if needs_processing(stored) else stored.mail
