"""What tier a ticket is at and how it got there."""

from __future__ import annotations

from django.db.models import QuerySet

from serviceloop.tickets.models import Ticket

from ..models import HandOff, Tier


def hand_offs(ticket: Ticket) -> QuerySet[HandOff]:
    """The ticket's moves between tiers, newest first."""
    return HandOff.objects.filter(ticket=ticket).select_related("by", "to_team", "to_user")


def latest_hand_off(ticket: Ticket) -> HandOff | None:
    return hand_offs(ticket).first()


def current_tier(ticket: Ticket) -> str:
    """The tier of the latest hand-off; a ticket nobody escalated is with L1."""
    tier = HandOff.objects.filter(ticket=ticket).values_list("to_tier", flat=True).first()
    return tier or Tier.L1


def allowed_targets(tier: str) -> list[str]:
    """Where a ticket at `tier` may be escalated: the next tier up, or straight to a support manager."""
    rank = Tier.rank(tier)
    targets = list(Tier.values)[rank + 1 : rank + 2]
    if tier != Tier.MANAGER and Tier.MANAGER not in targets:
        targets.append(Tier.MANAGER)
    return targets
