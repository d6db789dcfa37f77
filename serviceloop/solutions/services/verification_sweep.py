"""The hourly sweep of rounds left unanswered: one reminder, then the ticket resolves on its own.

Each step is claimed with a conditional UPDATE before it is done, so two sweeps running at once (or a
sweep and the customer's answer) never remind twice or resolve twice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from serviceloop.core.errors import ServiceError
from serviceloop.tickets.models import Channel, Status, Ticket
from serviceloop.tickets.services import transition

from ..models import Outcome, Verification, Via
from .verification import send_request

logger = logging.getLogger(__name__)
AUTO_RESOLVE_RULE = "verification.auto_resolved"


def _days(name: str) -> timedelta | None:
    days = int(getattr(settings, name))
    return timedelta(days=days) if days > 0 else None


def remind(verification_id: int, now: datetime) -> bool:
    with transaction.atomic():
        claimed = Verification.objects.filter(
            pk=verification_id, reminded_at__isnull=True, answered_at__isnull=True,
            ticket__status=Status.AWAITING_VERIFICATION,
        ).update(reminded_at=now)  # fmt: skip
        if not claimed:
            return False
        verification = Verification.objects.select_related("ticket").get(pk=verification_id)
        send_request(verification, reminder=True)
    return True


def auto_resolve(verification_id: int, now: datetime) -> bool:
    """Resolve the ticket (lifecycle 'resolve', not 'confirm_fix': nobody confirmed) without an actor."""
    with transaction.atomic():
        claimed = Verification.objects.filter(pk=verification_id, answered_at__isnull=True).update(
            answered_at=now, outcome=Outcome.AUTO_RESOLVED, via=Via.AUTO
        )
        if not claimed:
            return False
        verification = Verification.objects.get(pk=verification_id)
        ticket = Ticket.objects.get(pk=verification.ticket_id)
        if ticket.status != Status.AWAITING_VERIFICATION:
            Verification.objects.filter(pk=verification_id).update(outcome=Outcome.ENDED, via=Via.DESK)
            return False
        transition(None, ticket, "resolve", channel=Channel.SYSTEM, authorised=True,
                   history_data={"rule": AUTO_RESOLVE_RULE})  # fmt: skip
    return True


def sweep(now: datetime | None = None) -> tuple[int, int]:
    """Remind and resolve what is due; returns (reminded, resolved)."""
    now = now or timezone.now()
    waiting = Verification.objects.filter(answered_at__isnull=True).order_by("requested_at", "id")
    reminded = resolved = 0
    resolve_after, remind_after = _days("VERIFICATION_AUTO_RESOLVE_DAYS"), _days("VERIFICATION_REMINDER_DAYS")
    due_ids: set[int] = set()
    if resolve_after is not None:
        due_ids = set(waiting.filter(requested_at__lte=now - resolve_after).values_list("pk", flat=True))
        for pk in sorted(due_ids):
            resolved += _safely(auto_resolve, pk, now)
    if remind_after is not None:
        to_remind = waiting.filter(requested_at__lte=now - remind_after, reminded_at__isnull=True)
        for pk in to_remind.exclude(pk__in=due_ids).values_list("pk", flat=True):
            reminded += _safely(remind, pk, now)
    return reminded, resolved


def _safely(step: Callable[[int, datetime], bool], pk: int, now: datetime) -> int:
    try:
        return int(step(pk, now))
    except ServiceError as exc:
        # The ticket changed meanwhile (a Conflict); the round stays open and the next sweep looks again.
        logger.info("Verification %s not handled this time: %s", pk, exc.message)
        return 0
