"""The ticket lifecycle as an explicit state machine: named actions with the states they leave from.

Who may perform an action is decided by `core.policy.can_transition`; this module only knows
which moves exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .models.ticket import FINAL_STATUSES, Status

S = Status
_ACTIVE_WORK = (S.OPEN, S.REOPENED, S.ESCALATED, S.IN_PROGRESS, S.SOLUTION_APPROVED)


@dataclass(frozen=True)
class Action:
    name: str
    label: object
    sources: frozenset[str]
    target: str | None  # None: decided at run time (back to where the ticket was)

    @property
    def verb(self) -> str:
        return action_verb(self.name)


def _action(name: str, label: object, sources, target: str | None) -> Action:
    return Action(name, label, frozenset(sources), target)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        _action("take", _("Take"), (S.NEW, S.REOPENED), S.OPEN),
        _action("escalate", _("Escalate"), (S.NEW, S.OPEN, S.REOPENED, S.IN_PROGRESS), S.ESCALATED),
        # The higher tier hands the ticket back to L1 for the follow-up with the customer.
        _action("hand_back", _("Hand back to L1"), (S.ESCALATED,), S.OPEN),
        _action("wait_for_customer", _("Wait for customer"), _ACTIVE_WORK, S.PENDING_CUSTOMER),
        _action("customer_replied", _("Customer replied"), (S.PENDING_CUSTOMER,), None),
        _action("wait_for_parts", _("Wait for parts"), _ACTIVE_WORK, S.WAITING_FOR_PARTS),
        _action("parts_arrived", _("Parts arrived"), (S.WAITING_FOR_PARTS,), None),
        _action(
            "propose_solution", _("Propose solution"), (S.OPEN, S.ESCALATED, S.REOPENED), S.SOLUTION_PROPOSED
        ),
        _action("approve_solution", _("Approve solution"), (S.SOLUTION_PROPOSED,), S.SOLUTION_APPROVED),
        _action("reject_solution", _("Reject solution"), (S.SOLUTION_PROPOSED,), S.ESCALATED),
        _action("start_work", _("Start work"), (S.SOLUTION_APPROVED,), S.IN_PROGRESS),
        _action(
            "request_verification",
            _("Ask customer to verify"),
            (S.OPEN, S.REOPENED, S.IN_PROGRESS),
            S.AWAITING_VERIFICATION,
        ),
        _action("confirm_fix", _("Confirm the fix works"), (S.AWAITING_VERIFICATION,), S.RESOLVED),
        _action("reject_fix", _("The fix does not work"), (S.AWAITING_VERIFICATION,), S.REOPENED),
        _action(
            "resolve",
            _("Resolve"),
            (S.OPEN, S.REOPENED, S.IN_PROGRESS, S.AWAITING_VERIFICATION, S.PENDING_CUSTOMER),
            S.RESOLVED,
        ),
        _action("close", _("Close"), (S.RESOLVED,), S.CLOSED),
        _action("reopen", _("Reopen"), (S.RESOLVED, S.CLOSED), S.REOPENED),
        _action("cancel", _("Cancel"), set(Status) - FINAL_STATUSES, S.CANCELLED),
        _action("merge", _("Merge into another ticket"), set(Status) - FINAL_STATUSES, S.MERGED),
    )
}


# How a sentence names an action ("Cannot approve solution a ticket ..."): in English the code
# name, in a translation the verb its language needs, which the label alone cannot give.
_VERBS = {
    "take": pgettext_lazy("ticket action in a sentence", "take"),
    "escalate": pgettext_lazy("ticket action in a sentence", "escalate"),
    "hand_back": pgettext_lazy("ticket action in a sentence", "hand back"),
    "wait_for_customer": pgettext_lazy("ticket action in a sentence", "wait for customer"),
    "customer_replied": pgettext_lazy("ticket action in a sentence", "customer replied"),
    "wait_for_parts": pgettext_lazy("ticket action in a sentence", "wait for parts"),
    "parts_arrived": pgettext_lazy("ticket action in a sentence", "parts arrived"),
    "propose_solution": pgettext_lazy("ticket action in a sentence", "propose solution"),
    "approve_solution": pgettext_lazy("ticket action in a sentence", "approve solution"),
    "reject_solution": pgettext_lazy("ticket action in a sentence", "reject solution"),
    "start_work": pgettext_lazy("ticket action in a sentence", "start work"),
    "request_verification": pgettext_lazy("ticket action in a sentence", "request verification"),
    "confirm_fix": pgettext_lazy("ticket action in a sentence", "confirm fix"),
    "reject_fix": pgettext_lazy("ticket action in a sentence", "reject fix"),
    "resolve": pgettext_lazy("ticket action in a sentence", "resolve"),
    "close": pgettext_lazy("ticket action in a sentence", "close"),
    "reopen": pgettext_lazy("ticket action in a sentence", "reopen"),
    "cancel": pgettext_lazy("ticket action in a sentence", "cancel"),
    "merge": pgettext_lazy("ticket action in a sentence", "merge"),
}


def action_verb(name: str) -> str:
    """The action as a verb phrase for a sentence, in the active language."""
    verb = _VERBS.get(name)
    return str(verb) if verb is not None else name.replace("_", " ")


class IllegalTransition(Exception):
    pass


def target_status(action_name: str, current: str, resume_status: str = "") -> str:
    """The status a ticket in `current` moves to by `action_name`, or IllegalTransition saying why."""
    action = ACTIONS.get(action_name)
    separator = pgettext("between the items of a list", ", ")
    if action is None:
        raise IllegalTransition(
            gettext("Unknown action %(action)s; known actions: %(known)s.")
            % {"action": repr(action_name), "known": separator.join(sorted(ACTIONS))}
        )
    if current not in action.sources:
        allowed = separator.join(str(Status(s).label) for s in sorted(action.sources))
        raise IllegalTransition(
            gettext("Cannot %(action)s a ticket that is %(status)s; allowed from: %(allowed)s.")
            % {"action": action.verb, "status": Status(current).label, "allowed": allowed}
        )
    return action.target or resume_status or S.OPEN


def available_actions(current: str) -> list[Action]:
    return [a for a in ACTIONS.values() if current in a.sources and a.name != "customer_replied"]
