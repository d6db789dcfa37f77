"""Keeping the routing rules: only administrators read or change them; a rule is checked whole
before it is written, and every write renews the rules' revision (models.rule's signals)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from serviceloop.accounts.models import User
from serviceloop.core import policy as access
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from serviceloop.customers.models import ProductLine, ProductModel, ProductModule, Supplier

from ..models import RoutingRule
from ..models.rule import check_people_to_notify
from .conditions import CompiledRule, compile_rule

RULE_FIELDS = frozenset({
    "name", "position", "is_active", "stop", "channels", "categories", "warranty", "tiers", "countries",
    "regions", "languages", "keywords", "team_id", "assignee_id", "priority", "tags", "sla_policy_id",
    "notify_team_id",
})  # fmt: skip
# The ids a client sends for a many-to-many field: (the rule's field, the model they name).
RULE_LINKS: dict[str, tuple[str, type[Model]]] = {
    "product_line_ids": ("product_lines", ProductLine),
    "product_model_ids": ("product_models", ProductModel),
    "product_module_ids": ("product_modules", ProductModule),
    "supplier_ids": ("suppliers", Supplier),
    "notify_user_ids": ("notify_users", User),
}
_PREFETCH = ("product_lines", "product_models", "product_modules", "suppliers", "notify_users")


def _require_admin(user: Any) -> None:
    if not access.can_manage_routing(user):
        raise Forbidden(_("Only administrators may read and change routing rules."))


def rules_for(user: Any) -> QuerySet[RoutingRule]:
    _require_admin(user)
    return RoutingRule.objects.prefetch_related(*_PREFETCH)


def find_rule(user: Any, pk: int) -> RoutingRule:
    found = rules_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No routing rule with id %(id)s.") % {"id": pk})
    return found


def create_rule(user: Any, data: Mapping[str, Any]) -> RoutingRule:
    return _save(user, RoutingRule(), {**{name: [] for name in RULE_LINKS}, **data})


def change_rule(user: Any, rule: RoutingRule, changes: Mapping[str, Any]) -> RoutingRule:
    """Change the fields given; an id list given replaces the old one."""
    return _save(user, rule, changes)


def delete_rule(user: Any, rule: RoutingRule) -> None:
    _require_admin(user)
    with transaction.atomic():
        rule.delete()


def unsaved_rule(user: Any, data: Mapping[str, Any], base: RoutingRule | None = None) -> CompiledRule:
    """The rule `data` describes (changes to `base`, or a new one), checked but not written: the
    tester tries it as it would be saved."""
    _require_admin(user)
    rule = base or RoutingRule()
    defaults: dict[str, Any] = {} if base else {name: [] for name in RULE_LINKS}
    try:
        links = _prepare(rule, {**defaults, **data}, unique=False)
    except InvalidInput as exc:  # named as the tester's request names it
        field = f"rule.{exc.field}" if exc.field else "rule"
        raise InvalidInput(exc.message.replace(f"{exc.field}:", f"{field}:", 1), field=field) from exc
    given = {RULE_LINKS[name][0]: ids for name, ids in links.items()}
    return compile_rule(rule, given)


def _prepare(rule: RoutingRule, changes: Mapping[str, Any], *, unique: bool = True) -> dict[str, list[int]]:
    unknown = set(changes) - RULE_FIELDS - RULE_LINKS.keys()
    if unknown:
        raise InvalidInput(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            field=min(unknown),
        )
    for name in RULE_FIELDS & changes.keys():
        value = changes[name]
        if value is None and not getattr(rule._meta.get_field(name.removesuffix("_id")), "null", True):
            raise InvalidInput(_("%(field)s: this field cannot be null.") % {"field": name}, field=name)
        setattr(rule, name, value)
    links = {name: _linked(name, changes[name]) for name in RULE_LINKS if name in changes}
    try:
        rule.full_clean(validate_unique=unique)
        if "notify_user_ids" in links:
            check_people_to_notify(User.objects.filter(pk__in=links["notify_user_ids"]))
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        field = None if name == NON_FIELD_ERRORS else _sent_name(name)
        raise InvalidInput(f"{field}: {messages[0]}" if field else messages[0], field=field) from exc
    return links


def _sent_name(name: str) -> str:
    if name == "notify_users":
        return "notify_user_ids"
    return f"{name}_id" if f"{name}_id" in RULE_FIELDS else name


def _linked(name: str, ids: Iterable[int] | None) -> list[int]:
    if ids is None:
        raise InvalidInput(
            _("%(field)s: send a list; an empty list removes it.") % {"field": name}, field=name
        )
    wanted = list(dict.fromkeys(ids))
    model = RULE_LINKS[name][1]
    found = set(model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        raise InvalidInput(
            _("%(field)s: no %(what)s has these ids: %(ids)s.")
            % {"field": name, "what": model._meta.verbose_name, "ids": ", ".join(missing)},
            field=name,
        )
    return wanted


def _save(user: Any, rule: RoutingRule, changes: Mapping[str, Any]) -> RoutingRule:
    _require_admin(user)
    links = _prepare(rule, changes)
    try:
        with transaction.atomic():
            if (
                rule.pk is not None
                and not RoutingRule.objects.select_for_update().filter(pk=rule.pk).exists()
            ):
                raise NotFound(_("This routing rule was deleted meanwhile."))
            rule.save()
            for name, ids in links.items():
                getattr(rule, RULE_LINKS[name][0]).set(ids)
    except IntegrityError as exc:
        raise Conflict(
            _("The routing rule was changed by someone else meanwhile (say, another took its name); read "
              "it again and send your change once more.")
        ) from exc  # fmt: skip
    return rule
