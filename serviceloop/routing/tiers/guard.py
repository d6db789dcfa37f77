"""The lifecycle's rule that a ticket is escalated (or handed back) only through the tier service, which
asks for the reason and what was tried and records the hand-off."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core.errors import Conflict
from serviceloop.tickets.models import Ticket

# The ticket whose escalation the tier service is making right now; its own transition passes.
_escalating: ContextVar[int | None] = ContextVar("escalating", default=None)


@contextmanager
def escalating(ticket: Ticket) -> Iterator[None]:
    token = _escalating.set(ticket.pk)
    try:
        yield
    finally:
        _escalating.reset(token)


def tier_guard(actor: Any, ticket: Ticket, action: str) -> None:
    if action == "hand_back" and _escalating.get() != ticket.pk:
        raise Conflict(
            _("Hand back with the form in the ticket's tier panel (or POST /api/v1/tickets/%(number)s/"
              "de-escalations): L1 needs the reason.") % {"number": ticket.number},
            field="action",
        )  # fmt: skip
    if action == "escalate" and _escalating.get() != ticket.pk:
        raise Conflict(
            _("Escalate with the escalation form on the ticket page (or POST /api/v1/tickets/%(number)s/"
              "escalations): the next tier needs the reason and what was tried.") % {"number": ticket.number},
            field="action",
        )  # fmt: skip
