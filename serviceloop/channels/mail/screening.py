"""Mail that is kept but never answered: automatic mail, blocked senders, and senders writing too fast."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ..models import InboundMail, MailBlock
from .noise import classify
from .parsing import ParsedMail


def is_blocked(address: str) -> MailBlock | None:
    address = address.lower()
    domain = "@" + address.rpartition("@")[2]
    return MailBlock.objects.filter(pattern__in=[address, domain]).first()


def over_rate_limit(address: str) -> bool:
    """Counts the mails from this sender that became tickets or replies in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    recent = InboundMail.objects.filter(
        from_address=address, received_at__gte=since, state=InboundMail.State.PROCESSED
    )
    return recent.count() >= settings.MAIL_RATE_LIMIT_PER_HOUR


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
