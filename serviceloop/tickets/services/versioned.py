"""Optimistic concurrency: a change is written only if nobody else changed the ticket meanwhile."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core.errors import Conflict

from ..models import Ticket


def save_versioned(ticket: Ticket, fields: dict[str, Any], expected_version: int | None) -> None:
    """Write `fields` if the ticket is still at `expected_version` (default: the version loaded)."""
    expected = ticket.version if expected_version is None else expected_version
    now = timezone.now()
    written = Ticket.objects.filter(pk=ticket.pk, version=expected).update(
        **fields, updated_at=now, version=F("version") + 1
    )
    if not written:
        raise Conflict(
            _(
                "%(number)s was changed by someone else while you were working on it "
                "(you had version %(version)s). Reload the ticket and apply your change again."
            )
            % {"number": ticket.number, "version": expected},
            field="version",
        )
    for name, value in fields.items():
        setattr(ticket, name, value)
    ticket.updated_at = now
    ticket.version = expected + 1
