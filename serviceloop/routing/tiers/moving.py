"""Escalating a ticket to a higher tier and handing it back to L1 for the customer-facing follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from serviceloop.accounts.models import Team, User
from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden
from serviceloop.tickets import lifecycle
from serviceloop.tickets.models import Channel, Status, Ticket
from serviceloop.tickets.services import validation as v
from serviceloop.tickets.services.changes import change_by_rule, update_ticket
from serviceloop.tickets.services.history import record
from serviceloop.tickets.services.transitions import transition

from ..assignment.assigning import assign_within_team
from ..models import HandOff, Tier, TierTeam
from .guard import escalating
from .notifying import tell_receivers
from .reading import allowed_targets, current_tier

_ESCALATE_FROM = frozenset(lifecycle.ACTIONS["escalate"].sources)


def _check_may_move(actor: Any, ticket: Ticket) -> None:
    if not policy.can_edit_ticket(actor):
        raise Forbidden(_("You may not escalate or hand back tickets."))
    if ticket.is_final:
        raise Conflict(
            _("%(number)s is %(status)s; it no longer moves between tiers.")
            % {"number": ticket.number, "status": ticket.get_status_display()},
            field="to_tier",
        )


def _tier_team(tier: str) -> int | None:
    return TierTeam.objects.filter(tier=tier).values_list("team_id", flat=True).first()


def _hand_over(
    actor: Any, ticket: Ticket, team_id: int | None, user_id: int | None, channel: str, *, rule: str = ""
) -> None:
    """Give the ticket to the person, or to the team whose assignment then chooses one. With a `rule`
    the move is automatic: no person's permissions apply and the history names the rule."""
    changes: dict[str, Any] = {}
    if team_id is not None:
        changes["team_id"] = team_id
    if user_id is not None or team_id is not None:
        changes["assignee_id"] = user_id
    if changes and rule:
        change_by_rule(ticket, changes, rule=rule)
    elif changes:
        update_ticket(actor, ticket, changes, channel=channel)
    if user_id is None and team_id is not None:
        assign_within_team(ticket)


def escalate(
    actor: Any,
    ticket: Ticket,
    to_tier: Any,
    reason: Any,
    tried: Any,
    *,
    team: Any = None,
    assignee: Any = None,
    channel: str = Channel.CONSOLE,
) -> HandOff:
    """Move `ticket` up to `to_tier`: the next tier, or a support manager from any tier.

    Without a team or person named, the ticket goes to the team set up for the tier (tier teams, in
    the admin), whose assignment chooses a person; with no such team it stays where it is."""
    _check_may_move(actor, ticket)
    to_tier = v.choice(to_tier, Tier, "to_tier")
    reason = v.text(reason, "reason", max_length=500)
    tried = v.text(tried, "tried", max_length=4000)
    team_obj = v.resolve(Team, team, "team_id")
    user_obj = v.resolve(User, assignee, "assignee_id")
    from_tier = current_tier(ticket)
    if to_tier not in allowed_targets(from_tier):
        raise Conflict(_illegal_move(from_tier, to_tier), field="to_tier")
    team_id = team_obj.pk if team_obj else (None if user_obj else _tier_team(to_tier))
    move = _Move(from_tier, to_tier, reason, tried, team_id, user_obj.pk if user_obj else None)
    return _move_up(actor, ticket, move, channel=channel)


def escalate_unanswered(ticket: Ticket, to_tier: str, reason: str, tried: str, *, rule: str,
                        assignee_id: int | None = None) -> HandOff | None:  # fmt: skip
    """An automatic escalation (nobody answered an offer in time): no person's permissions apply, and
    it may climb more than one tier. A ticket at `to_tier` or above already stays where it is: None."""
    from_tier = current_tier(ticket)
    if ticket.is_final or Tier.rank(from_tier) >= Tier.rank(to_tier):
        return None
    team_id = None if assignee_id else _tier_team(to_tier)
    move = _Move(from_tier, to_tier, reason, tried, team_id, assignee_id)
    return _move_up(None, ticket, move, channel=Channel.SYSTEM, rule=rule)


@dataclass(frozen=True)
class _Move:
    from_tier: str
    to_tier: str
    reason: str
    tried: str
    team_id: int | None
    user_id: int | None


def _move_up(actor: Any, ticket: Ticket, move: _Move, *, channel: str, rule: str = "") -> HandOff:
    from_team, from_user = ticket.team_id, ticket.assignee_id
    data: dict[str, Any] = {"tier": move.to_tier, "reason": move.reason, "tried": move.tried}
    if rule:
        data["rule"] = rule
    with transaction.atomic():
        if ticket.status in _ESCALATE_FROM:
            with escalating(ticket):
                transition(actor, ticket, "escalate", comment=move.reason, channel=channel,
                           authorised=bool(rule), history_data={"rule": rule} if rule else None)  # fmt: skip
        _hand_over(actor, ticket, move.team_id, move.user_id, channel, rule=rule)
        hand_off = HandOff.objects.create(
            ticket=ticket, from_tier=move.from_tier, to_tier=move.to_tier, direction=HandOff.Direction.UP,
            reason=move.reason, tried=move.tried, by=actor, from_team_id=from_team, from_user_id=from_user,
            to_team_id=ticket.team_id, to_user_id=ticket.assignee_id,
        )  # fmt: skip
        record(ticket, events.ROUTING_ESCALATED, actor, channel, field="tier", old=move.from_tier,
               new=move.to_tier, data=data)  # fmt: skip
        tell_receivers(hand_off)
    return hand_off


def _illegal_move(from_tier: str, to_tier: str) -> str:
    if from_tier == Tier.MANAGER:
        return _("The ticket is with a support manager already; there is no higher tier.")
    if Tier.rank(to_tier) <= Tier.rank(from_tier):
        return _("Escalation goes up only: the ticket is at %(tier)s. Hand it back to L1 instead.") % {
            "tier": Tier(from_tier).label
        }
    return _("From %(tier)s a ticket is escalated to %(targets)s.") % {
        "tier": Tier(from_tier).label,
        "targets": " / ".join(str(Tier(t).label) for t in allowed_targets(from_tier)),
    }


def _climb_start(ticket: Ticket) -> HandOff | None:
    """The hand-off that took the ticket away from L1 most recently: who had it there."""
    return HandOff.objects.filter(ticket=ticket, from_tier=Tier.L1).first()


def de_escalate(
    actor: Any, ticket: Ticket, reason: Any, *, to_user: Any = None, channel: str = Channel.CONSOLE
) -> HandOff:
    """Hand `ticket` back to L1 for the follow-up with the customer.

    It returns to the L1 agent who escalated it (and their team) unless another person is named."""
    _check_may_move(actor, ticket)
    reason = v.text(reason, "reason", max_length=500)
    user_obj = v.resolve(User, to_user, "assignee_id")
    from_tier = current_tier(ticket)
    if from_tier == Tier.L1:
        raise Conflict(_("The ticket is with L1 already."), field="reason")
    start = _climb_start(ticket)
    user_id = user_obj.pk if user_obj else (start.from_user_id if start else None)
    team_id = (start.from_team_id if start else None) or _tier_team(Tier.L1)
    if user_obj and not start:
        team_id = _tier_team(Tier.L1)
    with transaction.atomic():
        if ticket.status == Status.ESCALATED:  # still waiting on the higher tier: L1 works it again
            with escalating(ticket):
                transition(actor, ticket, "hand_back", comment=reason, channel=channel)
        _hand_over(actor, ticket, team_id, user_id, channel)
        hand_off = HandOff.objects.create(
            ticket=ticket, from_tier=from_tier, to_tier=Tier.L1, direction=HandOff.Direction.DOWN,
            reason=reason, by=actor, to_team_id=ticket.team_id, to_user_id=ticket.assignee_id,
        )  # fmt: skip
        record(ticket, events.ROUTING_DE_ESCALATED, actor, channel, field="tier", old=from_tier,
               new=Tier.L1, data={"tier": Tier.L1, "reason": reason})  # fmt: skip
        tell_receivers(hand_off)
    return hand_off
