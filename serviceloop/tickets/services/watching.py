"""Watchers: people who want to hear about a ticket they are not assigned to."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Forbidden, InvalidInput

from ..models import Ticket


def set_watching(actor: Any, ticket: Ticket, watching: bool, *, user: Any = None) -> None:
    """Add or remove `user` (default: the actor) as a watcher of `ticket`."""
    user = user or actor
    if user.pk != actor.pk and not policy.can_edit_ticket(actor):
        raise Forbidden(_("You may only change your own watching."))
    if not policy.can_use_console(user):
        raise InvalidInput(
            _("Only service staff and partner technicians can watch tickets."), field="watcher"
        )
    if watching:
        ticket.watchers.add(user)
    else:
        ticket.watchers.remove(user)
