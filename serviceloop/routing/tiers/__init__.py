"""Support tiers: escalating a ticket up L1 -> engineer -> expert -> manager and handing it back."""

from .guard import tier_guard
from .moving import de_escalate, escalate, escalate_unanswered
from .reading import allowed_targets, current_tier, hand_offs, latest_hand_off

__all__ = [
    "allowed_targets",
    "current_tier",
    "de_escalate",
    "escalate",
    "escalate_unanswered",
    "hand_offs",
    "latest_hand_off",
    "tier_guard",
]
