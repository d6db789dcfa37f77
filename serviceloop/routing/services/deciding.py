"""Which rules fire for a ticket, and what they decide together.

Rules are tried in order (position, then id). The first active rule whose conditions all hold fires.
If its `stop` flag is off, the rules below are tried as well and every one that holds fires too,
until one that stops. What the fired rules decide together:

- team, assignee, priority and SLA policy: the first fired rule that sets one decides it; later
  rules set only what the earlier ones left unset;
- tags and people to notify: those of every fired rule, together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .conditions import CompiledRule
from .facts import TicketFacts
from .ruleset import active_rules

SINGLE_ACTIONS = ("team_id", "assignee_id", "priority", "sla_policy_id")


@dataclass
class Decision:
    fired: list[CompiledRule] = field(default_factory=list)
    # Field -> (value, name of the rule that set it).
    values: dict[str, tuple[int, str]] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # tag -> rule
    notify_user_ids: dict[int, str] = field(default_factory=dict)  # user id -> rule
    notify_team_ids: dict[int, str] = field(default_factory=dict)  # team id -> rule

    def add(self, rule: CompiledRule) -> None:
        self.fired.append(rule)
        actions = rule.actions
        for name in SINGLE_ACTIONS:
            value = getattr(actions, name)
            if value is not None and name not in self.values:
                self.values[name] = (value, rule.name)
        for tag in actions.tags:
            self.tags.setdefault(tag, rule.name)
        for user_id in sorted(actions.notify_user_ids):
            self.notify_user_ids.setdefault(user_id, rule.name)
        if actions.notify_team_id is not None:
            self.notify_team_ids.setdefault(actions.notify_team_id, rule.name)


@dataclass(frozen=True)
class Verdict:
    """One line of the tester: whether the rule would fire, or which condition it failed; `tried`
    is False for a rule below one that fired and stopped."""

    rule: CompiledRule
    matched: bool
    failed_condition: str | None
    tried: bool = True


def decide(facts: TicketFacts, rules: list[CompiledRule] | None = None) -> Decision:
    decision = Decision()
    for rule in active_rules() if rules is None else rules:
        if rule.failed_condition(facts) is None:
            decision.add(rule)
            if rule.stop:
                break
    return decision


def matching_rule(facts: TicketFacts, rules: list[CompiledRule] | None = None) -> CompiledRule | None:
    """The first active rule whose conditions all hold."""
    for rule in active_rules() if rules is None else rules:
        if rule.failed_condition(facts) is None:
            return rule
    return None


def explain(facts: TicketFacts, rules: list[CompiledRule] | None = None) -> list[Verdict]:
    """Every rule in order with whether it would fire for `facts` and, if not, the condition it fails."""
    verdicts = []
    stopped = False
    for rule in active_rules() if rules is None else rules:
        failed = rule.failed_condition(facts)
        verdicts.append(Verdict(rule, failed is None and not stopped, failed, tried=not stopped))
        stopped = stopped or (failed is None and rule.stop)
    return verdicts
