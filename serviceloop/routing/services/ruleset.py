"""The active rules, kept in memory by each process and reloaded only after a change.

Their revision (models.RoutingRevision) is read in the one small query the service levels make for
every new ticket anyway (`matching.share_stamp`), so routing a new ticket costs no query of its own
until a rule fires; with no rule ever saved there is no revision row and nothing is loaded."""

from __future__ import annotations

import threading
from typing import Any

from serviceloop.sla.services import matching

from ..models import RoutingRevision, RoutingRule
from .conditions import CompiledRule, compile_rule

STAMP_TAG = "r"
_cached: tuple[Any, list[CompiledRule]] | None = None
_lock = threading.Lock()


def share_revision() -> None:
    matching.share_stamp(STAMP_TAG, RoutingRevision)


def _revision(stamp: tuple[Any, ...]) -> Any:
    return next((row[2] for row in stamp if row[0] == STAMP_TAG), None)


def active_rules(stamp: tuple[Any, ...] | None = None) -> list[CompiledRule]:
    """The active rules in order. `stamp` is a revision reading to trust (the one the service levels
    just made for the same new ticket); without it the revision is read now."""
    global _cached
    revision = _revision(matching.read_stamp() if stamp is None else stamp)
    cached = _cached
    if cached is not None and cached[0] == revision:
        return cached[1]
    with _lock:
        rules = [] if revision is None else load_rules()
        _cached = (revision, rules)
    return rules


def load_rules() -> list[CompiledRule]:
    rules = RoutingRule.objects.filter(is_active=True).prefetch_related(
        "product_lines", "product_models", "product_modules", "suppliers", "notify_users"
    )
    return [compile_rule(rule) for rule in rules]


def forget() -> None:
    """Drop this process's copy (tests, and after a change made here)."""
    global _cached
    _cached = None
