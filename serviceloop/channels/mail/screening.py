"""Mail that is kept but never answered: automatic mail, blocked senders, and senders writing too fast."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ..models import InboundMail, MailBlock
from . import sql
from .noise import classify
from .parsing import ParsedMail


def is_blocked(address: str) -> MailBlock | None:
    address = address.lower()
    domain = "@" + address.rpartition("@")[2]
    return sql.first(MailBlock, "pattern IN (%s, %s)", [address, domain], order_by="pattern")


def over_rate_limit(address: str) -> bool:
    """Counts the mails from this sender that became tickets or replies in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    # The columns in the order of inboundmail_sender_idx, which answers this alone.
    where = "from_address = %s AND state = %s AND received_at >= %s"
    params = [address, InboundMail.State.PROCESSED.value, sql.instant(since)]
    return sql.count(InboundMail, where, params) >= settings.MAIL_RATE_LIMIT_PER_HOUR


def why_not_answered(mail: ParsedMail) -> str:
    """The reason to keep this mail without acting on it, or "" when it should be processed."""
    noise = classify(mail, settings.MAIL_DOMAIN)
    if noise is not None:
        return f"{noise.kind}: {noise.reason}"
    block = is_blocked(mail.from_address)
    if block is not None:
        return f"blocked sender ({block.pattern}){': ' + block.reason if block.reason else ''}"
    if over_rate_limit(mail.from_address):
        return f"rate limit: more than {settings.MAIL_RATE_LIMIT_PER_HOUR} mails from this sender in an hour"
    return ""
