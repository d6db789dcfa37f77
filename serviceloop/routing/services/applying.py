"""Doing what the fired rules decided, through the ticket's services: one history row per change,
without an actor, naming the rule (data {"rule": ...}), then one `routing.rule_applied` row naming
every fired rule.

A new ticket keeps what its creator gave it: a team or assignee set at creation stays (creation
does not record whether a person chose it or the intake address's team filled it in, so any set
value is kept), and the priority is only ever raised, never lowered below what the urgency and
impact gave.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.accounts.models import Team, User
from serviceloop.core import events, policy
from serviceloop.notifications.services import Text, notify
from serviceloop.sla.models import SlaPolicy
from serviceloop.sla.services import matching
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import change_by_rule
from serviceloop.tickets.services.history import record
from serviceloop.tickets.services.tagging import add_tags, tag_names

from ..events import RULE_APPLIED
from .deciding import Decision, decide
from .facts import TicketFacts, facts_of


def route(
    ticket: Ticket,
    *,
    facts: TicketFacts | None = None,
    stamp: tuple[Any, ...] | None = None,
    message_id: int | None = None,
    body: str | None = None,
) -> Decision:
    """Try the rules on the new `ticket`, inside the transaction that creates it, and apply what the
    fired ones decided; returns the decision."""
    from .ruleset import active_rules

    rules = active_rules(stamp)
    if not rules:
        return Decision()
    decision = decide(facts or facts_of(ticket, message_id=message_id, body=body), rules)
    if not decision.fired:
        return decision
    # Part of the creation: a failure here fails it, so no savepoint of its own is needed.
    with transaction.atomic(savepoint=False):
        changed = _apply(ticket, decision)
        record(ticket, RULE_APPLIED, None, "", new=", ".join(r.name for r in decision.fired),
               data={"rules": [r.name for r in decision.fired], "changed": changed})  # fmt: skip
    return decision


def _apply(ticket: Ticket, decision: Decision) -> list[str]:
    values = decision.values
    changed = []
    if "team_id" in values and ticket.team_id is None:
        team_id, rule = values["team_id"]
        if Team.objects.filter(pk=team_id).exists():
            change_by_rule(ticket, {"team_id": team_id}, rule=rule)
            changed.append("team")
    if "assignee_id" in values and ticket.assignee_id is None:
        assignee_id, rule = values["assignee_id"]
        if _may_take(ticket, assignee_id):
            change_by_rule(ticket, {"assignee_id": assignee_id}, rule=rule)
            changed.append("assignee")
    if "priority" in values and values["priority"][0] < ticket.priority:
        priority, rule = values["priority"]
        change_by_rule(ticket, {"priority": priority}, rule=rule)
        changed.append("priority")
    if decision.tags and _add_tags(ticket, decision.tags):
        changed.append("tags")
    if "sla_policy_id" in values and _choose_policy(ticket, *values["sla_policy_id"]):
        changed.append("sla_policy")
    if _notify(ticket, decision):
        changed.append("notified")
    return changed


def _may_take(ticket: Ticket, user_id: int) -> bool:
    """Still active staff, and in the ticket's team when it has one (the rule was checked when it
    was saved; people move and teams come from other rules or the creator)."""
    person = User.objects.filter(pk=user_id).first()
    if person is None or not policy.is_staff(person):
        return False
    return ticket.team_id is None or person.teams.filter(pk=ticket.team_id).exists()


def _add_tags(ticket: Ticket, tags: dict[str, str]) -> bool:
    old = tag_names(ticket)
    new = sorted({*old, *(tag.strip().lower() for tag in tags)} - {""})
    if new == old:
        return False
    add_tags(ticket, [tag for tag in new if tag not in old])
    # No new version: the ticket is being created in this transaction, so nobody can hold an
    # older one, and its first version may as well carry the rules' tags (as it carries the
    # creator's). A version bump here rewrote the row (and on PostgreSQL all its indexes) again.
    rules = sorted({rule for tag, rule in tags.items() if tag.strip().lower() not in old})
    record(ticket, events.TICKET_UPDATED, None, "", field="tags", old=" ".join(old), new=" ".join(new),
           data={"rule": ", ".join(rules)})  # fmt: skip
    return True


def _choose_policy(ticket: Ticket, policy_id: int, rule: str) -> bool:
    chosen = SlaPolicy.objects.filter(pk=policy_id, is_active=True).first()
    if chosen is None:
        return False
    return matching.choose_policy(ticket, chosen, timezone.now())


def _notify(ticket: Ticket, decision: Decision) -> bool:
    if not (decision.notify_user_ids or decision.notify_team_ids):
        return False
    people = {u.pk: u for u in User.objects.filter(pk__in=decision.notify_user_ids, is_active=True)}
    if decision.notify_team_ids:
        members = User.objects.filter(teams__in=decision.notify_team_ids, is_active=True)
        people.update({u.pk: u for u in members})
    allowed = [person for person in people.values() if _may_see(person, ticket)]
    rules = ", ".join(r.name for r in decision.fired)

    def render(user: Any) -> Text:
        title = _("%(number)s %(subject)s: routed by %(rules)s") % {
            "number": ticket.number, "subject": ticket.subject, "rules": rules,
        }  # fmt: skip
        return Text(title, _("Customer: %(name)s") % {"name": ticket.organisation})

    return bool(notify(allowed, RULE_APPLIED, render, ticket=ticket))


def _may_see(person: Any, ticket: Ticket) -> bool:
    if policy.is_staff(person):
        return True
    return policy.visible_tickets(person, Ticket.objects.filter(pk=ticket.pk)).exists()
