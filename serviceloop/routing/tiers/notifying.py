"""Telling whoever receives a ticket from another tier, with the summary they need first."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serviceloop.accounts.models import User
from serviceloop.notifications.services import Text, notify

from ..models import HandOff

KIND_ESCALATED = "routing.escalated"
KIND_HANDED_BACK = "routing.de_escalated"


def _receivers(hand_off: HandOff) -> list[Any]:
    if hand_off.to_user_id is not None:
        return [hand_off.to_user]
    if hand_off.to_team_id is not None:
        return list(User.objects.filter(teams=hand_off.to_team_id, is_active=True))
    return []


def tell_receivers(hand_off: HandOff) -> None:
    ticket = hand_off.ticket
    up = hand_off.direction == HandOff.Direction.UP

    def render(user: Any) -> Text:
        names = {"number": ticket.number, "subject": ticket.subject, "tier": hand_off.get_to_tier_display()}
        if up:
            title = _("%(number)s escalated to %(tier)s: %(subject)s") % names
            body = _("Reason: %(reason)s\n\nWhat was tried: %(tried)s") % {
                "reason": hand_off.reason,
                "tried": hand_off.tried,
            }
        else:
            title = _("%(number)s handed back to L1 for the customer follow-up: %(subject)s") % names
            body = _("Reason: %(reason)s") % {"reason": hand_off.reason}
        return Text(title, body)

    receivers = [user for user in _receivers(hand_off) if user.pk != hand_off.by_id]
    notify(receivers, KIND_ESCALATED if up else KIND_HANDED_BACK, render, ticket=ticket)
