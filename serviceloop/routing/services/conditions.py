"""A rule as the router keeps it in memory: its conditions as sets, its keywords as one pattern.

Conditions are tried cheapest first and the first that fails is named, so the tester can say why a
rule did not fire; the keywords, which may need the first message read, come last."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from .facts import TicketFacts, fold

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")

# Condition name -> what the tester calls it.
LABELS = {
    "channels": _("channel"),
    "categories": _("category"),
    "product_lines": _("product line"),
    "product_models": _("product model"),
    "product_modules": _("product module"),
    "suppliers": _("supplier of the machine"),
    "warranty": _("warranty"),
    "tiers": _("customer tier"),
    "countries": _("country"),
    "regions": _("region"),
    "languages": _("language"),
    "keywords": _("keywords"),
}


def keyword_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for any of `words`. A word in Latin (or other spaced) script must start a word of
    the text ("leak" finds "leaking", not "bleak"); Chinese and Japanese have no spaces between
    words, so theirs are found anywhere."""
    parts = []
    for word in sorted({fold(w).strip() for w in words} - {""}, key=len, reverse=True):
        escaped = re.escape(word)
        parts.append(escaped if _CJK.match(word) else rf"(?<!\w){escaped}")
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True)
class Actions:
    team_id: int | None = None
    assignee_id: int | None = None
    priority: int | None = None
    tags: tuple[str, ...] = ()
    sla_policy_id: int | None = None
    notify_user_ids: frozenset[int] = frozenset()
    notify_team_id: int | None = None


@dataclass(frozen=True)
class CompiledRule:
    pk: int | None
    name: str
    position: int
    stop: bool
    actions: Actions
    channels: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    product_lines: frozenset[int] = frozenset()
    product_models: frozenset[int] = frozenset()
    product_modules: frozenset[int] = frozenset()
    suppliers: frozenset[int] = frozenset()
    warranty: frozenset[str] = frozenset()
    tiers: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = field(default=None, compare=False)

    def failed_condition(self, facts: TicketFacts) -> str | None:
        """The first condition the ticket does not meet; None when the rule fires."""
        for name, holds in _CHECKS:
            if getattr(self, name) and not holds(self, facts):
                return name
        if self.pattern is not None and not self.pattern.search(facts.text()):
            return "keywords"
        return None


_Check = Callable[[CompiledRule, TicketFacts], bool]
_CHECKS: tuple[tuple[str, _Check], ...] = (
    ("channels", lambda r, f: f.channel in r.channels),
    ("categories", lambda r, f: f.category in r.categories),
    ("tiers", lambda r, f: f.tier in r.tiers),
    ("countries", lambda r, f: f.country in r.countries),
    ("regions", lambda r, f: f.region in r.regions),
    ("languages", lambda r, f: not r.languages.isdisjoint(f.languages)),
    ("warranty", lambda r, f: f.warranty in r.warranty),
    ("product_lines", lambda r, f: f.product_line_id in r.product_lines),
    ("product_models", lambda r, f: f.product_model_id in r.product_models),
    ("product_modules", lambda r, f: f.product_module_id in r.product_modules),
    ("suppliers", lambda r, f: f.supplier_id in r.suppliers),
)


def _ids(rule: Any, name: str, given: Mapping[str, Iterable[Any]] | None) -> frozenset[int]:
    if given is not None and name in given:
        return frozenset(getattr(item, "pk", item) for item in given[name])
    if rule.pk is None:
        return frozenset()
    return frozenset(item.pk for item in getattr(rule, name).all())


def compile_rule(rule: Any, links: Mapping[str, Iterable[Any]] | None = None) -> CompiledRule:
    """The rule as the router tries it. `links` gives the many-to-many values of a rule not saved yet
    (the change form being tested): name -> objects or ids."""
    # As written: "zh" meets a ticket's {"zh-hans", "zh"} (see language_tags), "zh-hans" only zh-hans.
    languages = frozenset(fold(code).strip().replace("_", "-") for code in rule.languages)
    actions = Actions(
        team_id=rule.team_id,
        assignee_id=rule.assignee_id,
        priority=rule.priority,
        tags=tuple(rule.tags),
        sla_policy_id=rule.sla_policy_id,
        notify_user_ids=_ids(rule, "notify_users", links),
        notify_team_id=rule.notify_team_id,
    )
    return CompiledRule(
        pk=rule.pk,
        name=rule.name,
        position=rule.position,
        stop=rule.stop,
        actions=actions,
        channels=frozenset(rule.channels),
        categories=frozenset(rule.categories),
        product_lines=_ids(rule, "product_lines", links),
        product_models=_ids(rule, "product_models", links),
        product_modules=_ids(rule, "product_modules", links),
        suppliers=_ids(rule, "suppliers", links),
        warranty=frozenset(rule.warranty),
        tiers=frozenset(rule.tiers),
        countries=frozenset(c.strip().upper() for c in rule.countries),
        regions=frozenset(fold(r).strip() for r in rule.regions),
        languages=languages,
        keywords=tuple(rule.keywords),
        pattern=keyword_pattern(rule.keywords),
    )
