"""Telling members of staff what needs them: one stored notification per person, then its mail.

Each notification is written in its reader's language and time zone. It is stored in the caller's
transaction and mailed after the commit, so a change that rolls back tells no one, and a mail server
that is down delays the mail but loses nothing: the console shows the notification at once.

Nobody is told about a ticket they may not see, whoever asks. A partner's technician is mailed only
the ticket's number and a link: mail leaves our hands, so the customer's data stays behind the login.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.tickets.models import Ticket

from .models import Notification

logger = logging.getLogger(__name__)

MAX_MAIL_TRIES = 5
CLAIM_EXPIRES = timedelta(minutes=10)
PAGE = 50


@dataclass(frozen=True)
class Text:
    title: str
    body: str = ""


# Called once per recipient, with that person's language and time zone active.
Render = Callable[[Any], Text]


def _in_readers_terms(user: Any) -> ExitStack:
    stack = ExitStack()
    stack.enter_context(translation.override(user.language or settings.LANGUAGE_CODE))
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone) if user.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    stack.enter_context(timezone.override(zone or settings.TIME_ZONE))
    return stack


def notify(
    recipients: Iterable[Any],
    kind: str,
    render: Render,
    *,
    ticket: Any = None,
    urgent: bool = False,
    mail: bool = True,
) -> list[Notification]:
    """Store a notification for each active recipient who may see `ticket` (once per person) and queue
    its mail."""
    people = {
        user.pk: user for user in recipients if user is not None and user.is_active and _may_see(user, ticket)
    }
    rows = []
    for user in people.values():
        with _in_readers_terms(user):
            text = render(user)
        title = " ".join(text.title.split())  # one line: it becomes a mail's subject
        wants_mail = mail and bool(user.email)
        rows.append(
            Notification(
                recipient=user, ticket=ticket, kind=kind, title=title[:255], body=text.body,
                urgent=urgent, mail=Notification.Mail.PENDING if wants_mail else Notification.Mail.NONE,
            )
        )  # fmt: skip
    created = Notification.objects.bulk_create(rows)
    to_mail = [row.pk for row in created if row.mail == Notification.Mail.PENDING]
    if to_mail:
        from .tasks import mail_notifications

        transaction.on_commit(lambda: mail_notifications(to_mail))
    return created


def _may_see(user: Any, ticket: Any) -> bool:
    """Whether `user` may see `ticket`: every caller is covered here, so a partner assigned, watching
    or in a team by mistake never hears of another supplier's ticket."""
    if ticket is None or policy.is_staff(user):
        return True
    return policy.visible_tickets(user, Ticket.objects.filter(pk=ticket.pk)).exists()


def _notifications_link() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("console:notifications")


def _ticket_link(notification: Notification) -> str:
    number = notification.ticket.number  # type: ignore[union-attr]
    # Staff and partners' technicians both work in the console: the same page for both.
    return settings.SITE_URL.rstrip("/") + reverse("console:ticket", args=[number])


def _subject_and_body(notification: Notification) -> tuple[str, str]:
    """In the reader's language: the full notification for staff, only a number and a link for a
    partner's technician (no subject, customer or message text travels by mail to another company)."""
    if notification.ticket_id is None:  # about no ticket: the notifications page is where it lives
        footer = _("See it here: %(link)s") % {"link": _notifications_link()}
    else:
        footer = _("Open the ticket: %(link)s") % {"link": _ticket_link(notification)}
    if not policy.is_partner(notification.recipient):
        body = f"{notification.body}\n\n{footer}\n" if notification.body else f"{footer}\n"
        return notification.title, body
    if notification.ticket_id is None:
        return _("New activity in Serviceloop"), f"{footer}\n"
    number = notification.ticket.number  # type: ignore[union-attr]
    return _("[%(number)s] New activity on a ticket") % {"number": number}, f"{footer}\n"


def _mail_of(notification: Notification) -> EmailMessage:
    user = notification.recipient
    with _in_readers_terms(user):
        subject, body = _subject_and_body(notification)
        prefix = _("[Urgent] ") if notification.urgent else ""
    message = EmailMessage(f"{prefix}{subject}", body, to=[user.email])
    if notification.urgent:
        message.extra_headers["Importance"] = "high"
    return message


def _claimable(now: Any) -> Q:
    # A claim older than this was left by a worker that died while sending.
    return Q(mail=Notification.Mail.PENDING) | Q(
        mail=Notification.Mail.SENDING, mail_claimed_at__lt=now - CLAIM_EXPIRES
    )


def send_mail(notification_id: int) -> bool:
    """Mail one waiting notification, once; False when it should be tried again later.

    The row is claimed first with a conditional UPDATE, so the task queued at commit and the sweep
    for waiting mail never both send it."""
    now = timezone.now()
    if not Notification.objects.filter(_claimable(now), pk=notification_id).update(
        mail=Notification.Mail.SENDING, mail_claimed_at=now
    ):
        return True  # sent, being sent, or never meant to be
    notification = Notification.objects.select_related("recipient", "ticket").get(pk=notification_id)
    tries = notification.mail_tries + 1
    try:
        _mail_of(notification).send()
    except Exception as exc:  # the server refused, or the mail could not even be composed
        failed = tries >= MAX_MAIL_TRIES
        logger.warning("Notification %s not mailed (try %s): %s", notification.pk, tries, exc)
        Notification.objects.filter(pk=notification.pk).update(
            mail_tries=tries, mail=Notification.Mail.FAILED if failed else Notification.Mail.PENDING
        )
        return failed
    Notification.objects.filter(pk=notification.pk).update(
        mail=Notification.Mail.SENT, mailed_at=timezone.now(), mail_tries=tries
    )
    return True


def waiting_mail(older_than: timedelta = timedelta(minutes=2)) -> list[int]:
    """Notifications whose mail is still waiting: their task was lost, the server said later, or the
    worker sending them died."""
    now = timezone.now()
    rows = Notification.objects.filter(_claimable(now), created_at__lte=now - older_than)
    return list(rows.order_by("created_at").values_list("pk", flat=True)[:500])


def for_user(user: Any, *, unread_only: bool = False) -> QuerySet:
    rows = Notification.objects.filter(recipient=user).select_related("ticket")
    return rows.filter(read_at__isnull=True) if unread_only else rows


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all when `ids` is None); returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def mark_read_for_ticket(user: Any, ticket: Any) -> int:
    return Notification.objects.filter(recipient=user, ticket=ticket, read_at__isnull=True).update(
        read_at=timezone.now()
    )
