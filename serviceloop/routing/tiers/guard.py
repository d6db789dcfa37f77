"""The lifecycle's rule that a ticket is escalated only with a reason and what was tried."""

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
    if action == "escalate" and _escalating.get() != ticket.pk:
        raise Conflict(
            _("Escalate with the escalation form on the ticket page (or POST /api/v1/tickets/%(number)s/"
              "escalations): the next tier needs the reason and what was tried.") % {"number": ticket.number},
            field="action",
        )  # fmt: skip
