"""Handing a stored mail to the SMTP server, and trying again later when the server is not ready.

Each try first claims the mail with one conditional UPDATE (its state, its count of tries and its due
time), so a scheduled retry, the sweeper and a person's "retry now" never send the same mail twice.
A claimed mail is due again only after a lease, so a worker that dies mid-send delays it, never loses it.
"""

from __future__ import annotations

import email
import logging
import smtplib
from datetime import timedelta
from email import policy
from email.message import EmailMessage as MimeMessage
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import OutboundMail

logger = logging.getLogger(__name__)

PENDING = (OutboundMail.State.QUEUED, OutboundMail.State.RETRYING)
# Longer than any SMTP conversation may take with the timeout below, so a live try is never taken over.
LEASE = timedelta(minutes=15)
# A queued mail whose task has not picked it up by then is taken to have lost its task.
QUEUED_GRACE = timedelta(minutes=2)
# A Huey schedule may fire a moment before the stored due time; that still counts as due.
_EARLY = timedelta(seconds=5)
_SMTP_TIMEOUT = 60


class _StoredMime(MimeMessage):
    """The parsed stored mail, whose bytes are the stored ones: no header is folded again."""

    stored = b""

    def as_bytes(self, unixfrom: bool = False, policy: Any = None, linesep: str = "\r\n") -> bytes:
        return self.stored or super().as_bytes(unixfrom, policy)


class StoredMail(EmailMessage):
    """Django's mail object for a stored mail, so any mail backend (SMTP, locmem in tests) sends it."""

    def __init__(self, mail: OutboundMail):
        self.raw = bytes(mail.raw)
        parsed = email.message_from_bytes(self.raw, _class=_StoredMime, policy=policy.SMTP)
        assert isinstance(parsed, _StoredMime)
        parsed.stored = self.raw
        text = parsed.get_body(preferencelist=("plain",))
        super().__init__(
            subject=mail.subject,
            body=text.get_content() if text is not None else "",
            from_email=parseaddr(mail.sender)[1],
            to=mail.recipients.split(),
        )
        self._parsed = parsed

    def message(self, **kwargs: Any) -> Any:  # the stored bytes, not a new rendering
        return self._parsed


def _claim(mail: OutboundMail) -> bool:
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + _EARLY)
    claimed = (
        OutboundMail.objects.filter(due, pk=mail.pk, state__in=PENDING, attempts=mail.attempts)
        .update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    )  # fmt: skip
    mail.attempts += 1
    return claimed == 1


def _transmit(mail: OutboundMail) -> None:
    connection = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT or _SMTP_TIMEOUT)
    if connection.send_messages([StoredMail(mail)]) != 1:
        raise smtplib.SMTPException("The mail backend did not take the mail.")


def describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refusals = [f"{rcpt}: {code} {_text(reply)}" for rcpt, (code, reply) in exc.recipients.items()]
        return "; ".join(refusals) or str(exc)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def is_permanent(exc: BaseException) -> bool:
    """5xx answers are final; anything else (4xx, no connection, our own setup) may pass with time."""
    if isinstance(exc, smtplib.SMTPAuthenticationError | smtplib.SMTPNotSupportedError):
        return False  # our account or TLS setup: once an administrator fixes it, the mail should go
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    # The mail itself cannot be written out (an address no server can take): trying again cannot help.
    return isinstance(exc, ValueError)


def _record_failure(mail: OutboundMail, exc: BaseException) -> int | None:
    error = describe(exc)[:2000]
    delays = settings.MAIL_RETRY_DELAYS
    now = timezone.now()
    mails = OutboundMail.objects.filter(pk=mail.pk)
    if is_permanent(exc) or mail.attempts > len(delays):
        logger.warning("Mail %s to %s failed for good: %s", mail.message_id, mail.recipients, error)
        mails.update(state=OutboundMail.State.FAILED, last_error=error, next_attempt_at=None)
        return None
    delay = delays[mail.attempts - 1]
    logger.info("Mail %s not sent (try %s), again in %ss: %s", mail.message_id, mail.attempts, delay, error)
    mails.update(
        state=OutboundMail.State.RETRYING, last_error=error, next_attempt_at=now + timedelta(seconds=delay)
    )
    return delay


def send(outbound_id: int) -> int | None:
    """Try to send the stored mail once; returns the seconds to wait before the next try, if one is due."""
    mail = OutboundMail.objects.filter(pk=outbound_id, state__in=PENDING).first()
    if mail is None or not _claim(mail):
        return None
    try:
        _transmit(mail)
    except Exception as exc:
        if not isinstance(exc, OSError | smtplib.SMTPException):
            logger.exception("Unexpected error sending mail %s", mail.message_id)
        return _record_failure(mail, exc)
    OutboundMail.objects.filter(pk=mail.pk).update(
        state=OutboundMail.State.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return None


def due_for_sending(limit: int = 200) -> list[int]:
    """Mails waiting longer than planned: a retry whose schedule was lost, a task that never ran."""
    now = timezone.now()
    waiting = Q(next_attempt_at__lte=now) | Q(
        state=OutboundMail.State.QUEUED, next_attempt_at__isnull=True, created_at__lte=now - QUEUED_GRACE
    )
    rows = OutboundMail.objects.filter(waiting, state__in=PENDING).order_by("created_at", "id")
    return list(rows.values_list("pk", flat=True)[:limit])


def queue_again(outbound_ids: list[int]) -> list[int]:
    """Make failed mails due now, with a fresh set of retries; returns the ids that were failed."""
    with transaction.atomic():
        ids = list(
            OutboundMail.objects.select_for_update()
            .filter(pk__in=outbound_ids, state=OutboundMail.State.FAILED)
            .values_list("pk", flat=True)
        )
        OutboundMail.objects.filter(pk__in=ids).update(
            state=OutboundMail.State.QUEUED, attempts=0, next_attempt_at=None
        )
    return ids
