"""Received mail a person should look at: failed, ignored, or stuck half way after a crash."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Forbidden, NotFound

from ..models import InboundMail, Mailbox
from . import inbox, too_large

# A mail still "received" after this long was cut off by a crash and needs a new try.
STUCK_AFTER = timedelta(minutes=10)
SHOWN_STATES = ("failed", "ignored", "stuck")
_SOURCE_PREVIEW = 200_000


def _check(actor: Any) -> None:
    if not policy.can_manage_mail(actor):
        raise Forbidden(_("Only administrators and supervisors may look at received mail."))


def mails_to_look_at(actor: Any, state: str = "failed") -> QuerySet[InboundMail]:
    _check(actor)
    if state == "stuck":
        condition = Q(state=InboundMail.State.RECEIVED, received_at__lt=timezone.now() - STUCK_AFTER)
    elif state == "ignored":
        condition = Q(state=InboundMail.State.IGNORED)
    else:
        condition = Q(state=InboundMail.State.FAILED)
    return InboundMail.objects.filter(condition).defer("raw").select_related("ticket", "mailbox")


def too_large_waiting(actor: Any) -> list[dict[str, Any]]:
    """Messages over the size limit that wait in the active mailboxes' folders, largest first."""
    _check(actor)
    return too_large.waiting_mail(Mailbox.objects.filter(is_active=True).exclude(waiting_too_large=[]))


def get_mail(actor: Any, pk: int) -> InboundMail:
    _check(actor)
    mail = InboundMail.objects.select_related("ticket", "mailbox").filter(pk=pk).first()
    if mail is None:
        raise NotFound(_("No such mail."))
    return mail


def source_preview(mail: InboundMail) -> tuple[str, bool]:
    """The raw source as text for reading in the page (bytes that are not UTF-8 shown replaced)."""
    raw = bytes(mail.raw)
    return raw[:_SOURCE_PREVIEW].decode("utf-8", errors="replace"), len(raw) > _SOURCE_PREVIEW


def retry_mail(actor: Any, pk: int) -> InboundMail:
    """Process the mail again (after a fix or a changed blocklist); a processed one stays as it is.

    The administrator or supervisor who asks has the mail's source before them: they vouch for
    its sender, as our mail server would (a staff mail it did not vouch for waits for this)."""
    mail = get_mail(actor, pk)
    return inbox.retry(mail, sender_vouched=True)
