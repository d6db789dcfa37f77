"""Keeping business calendars and SLA policies: who may read and change them, what a valid one is,
and writing a calendar or policy together with the rows nested in it.

A nested list that is given (opening hours, holidays, extra working days, targets) replaces all of
its rows. Everything is checked before anything is written, and each change is one transaction that
ends with a new revision, so every process reloads its cached policies and working time.
"""

from __future__ import annotations

import itertools
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from functools import cache
from typing import Any, TypeVar, cast

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Field, Model, ProtectedError, Q, QuerySet
from django.utils.translation import gettext as _

from serviceloop.accounts.models import Team
from serviceloop.core import policy as access
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from serviceloop.customers.models import Organisation, ProductLine

from ..models import (
    BusinessCalendar,
    EscalationLevel,
    ExtraWorkingDay,
    Holiday,
    OpeningHours,
    SlaPolicy,
    SlaTarget,
)
from ..models.revisioned import Revisioned
from .replacing import after_change

R = TypeVar("R", bound=Revisioned)

CALENDAR_FIELDS = frozenset({"name", "time_zone", "description"})
CALENDAR_PARTS: dict[str, type[Model]] = {
    "opening_hours": OpeningHours,
    "holidays": Holiday,
    "extra_working_days": ExtraWorkingDay,
}
POLICY_FIELDS = frozenset({
    "name", "position", "is_active", "calendar_id", "warn_at_percent", "tiers", "countries", "regions",
    "channels", "categories", "priorities", "emergency", "warranty",
})  # fmt: skip
# The ids a client sends for a many-to-many condition: (the policy's field, the model they name).
POLICY_LINKS: dict[str, tuple[str, type[Model]]] = {
    "organisation_ids": ("organisations", Organisation),
    "product_line_ids": ("product_lines", ProductLine),
    "team_ids": ("teams", Team),
}
_POLICY_ROW_MODELS: dict[str, Any] = {"targets": SlaTarget, "escalation_levels": EscalationLevel}
POLICY_ROWS = tuple(_POLICY_ROW_MODELS)


# Reading.


def visible_calendars(user: Any) -> QuerySet[BusinessCalendar]:
    """Every calendar for staff, none for partners and customers."""
    calendars = BusinessCalendar.objects.prefetch_related("opening_hours", "holidays", "extra_working_days")
    return calendars if access.is_staff(user) else calendars.none()


def visible_policies(user: Any) -> QuerySet[SlaPolicy]:
    """Every SLA policy for staff, none for partners and customers."""
    policies = SlaPolicy.objects.prefetch_related(
        "organisations", "product_lines", "teams", "targets", "escalation_levels"
    )
    return policies if access.is_staff(user) else policies.none()


def find_calendar(user: Any, pk: int) -> BusinessCalendar:
    found = visible_calendars(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No business calendar with id %(id)s.") % {"id": pk})
    return found


def find_policy(user: Any, pk: int) -> SlaPolicy:
    found = visible_policies(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No SLA policy with id %(id)s.") % {"id": pk})
    return found


# Calendars.


def create_calendar(user: Any, data: Mapping[str, Any]) -> BusinessCalendar:
    """A new calendar; a nested list left out means none of those rows."""
    return _save_calendar(user, BusinessCalendar(), {**{name: [] for name in CALENDAR_PARTS}, **data})


def change_calendar(user: Any, calendar: BusinessCalendar, changes: Mapping[str, Any]) -> BusinessCalendar:
    """Change the fields given; a nested list given replaces all of its rows."""
    return _save_calendar(user, calendar, changes)


def _save_calendar(user: Any, calendar: BusinessCalendar, changes: Mapping[str, Any]) -> BusinessCalendar:
    _require_manager(user)
    _refuse_unknown(changes, CALENDAR_FIELDS | CALENDAR_PARTS.keys())
    if "time_zone" in changes:
        _check_time_zone(changes["time_zone"])
    _apply(calendar, changes, CALENDAR_FIELDS)
    parts = {name: _calendar_rows(name, changes[name]) for name in CALENDAR_PARTS if name in changes}
    if "opening_hours" in parts:
        _check_opening_hours(parts["opening_hours"])
    for name in ("holidays", "extra_working_days"):
        _check_one_row_per_date(name, parts.get(name, []))

    def write(locked: BusinessCalendar) -> None:
        for name, rows in parts.items():
            getattr(locked, name).all().delete()
            for row in rows:
                row.calendar = locked  # type: ignore[attr-defined]
            CALENDAR_PARTS[name]._default_manager.bulk_create(rows)

    saved = _write(calendar, write)
    after_change(calendar_id=saved.pk)
    return saved


def delete_calendar(user: Any, calendar: BusinessCalendar) -> None:
    """Delete a calendar no policy or target counts on any more."""
    _require_manager(user)
    users = (
        SlaPolicy.objects.filter(Q(calendar=calendar) | Q(targets__calendar=calendar))
        .order_by("position", "name")
        .values_list("name", flat=True)
    )
    names = list(dict.fromkeys(users))
    if names:
        raise Conflict(
            _("The calendar %(calendar)s is still used by these SLA policies: %(policies)s. Give them "
              "another calendar first.") % {"calendar": calendar.name, "policies": ", ".join(names)}
        )  # fmt: skip
    try:
        with transaction.atomic():
            calendar.delete()
    except (ProtectedError, IntegrityError) as exc:
        # The service-level clocks of tickets keep the calendar they counted on, or a policy took it
        # up since the check above.
        raise Conflict(
            _("The calendar %(calendar)s is still in use (by the service-level clocks of tickets, or by a "
              "policy saved meanwhile), so it cannot be deleted.") % {"calendar": calendar.name}
        ) from exc  # fmt: skip


def _calendar_rows(name: str, items: Iterable[Mapping[str, Any]] | None) -> list[Model]:
    if items is None:
        raise _invalid_at(name, _("send a list; an empty list removes them all."))
    rows = []
    for index, item in enumerate(items):
        row = CALENDAR_PARTS[name](**item)
        _clean(row, prefix=f"{name}.{index}", exclude=["calendar"])
        rows.append(row)
    return rows


def _check_opening_hours(rows: list[Any]) -> None:
    """At least one range a week, none overlapping another: working-time arithmetic walks each day's
    ranges once, in order, and a calendar that never opens has no time to count targets in."""
    if not rows:
        raise _invalid_at(
            "opening_hours",
            _("give at least one opening range; for service around the clock send 00:00 to 00:00 on "
              "every day."),
        )  # fmt: skip
    ordered = sorted(enumerate(rows), key=lambda pair: (pair[1].weekday, pair[1].minutes))
    for (_position, before), (index, row) in itertools.pairwise(ordered):
        if row.weekday == before.weekday and row.minutes[0] < before.minutes[1]:
            raise _invalid_at(
                f"opening_hours.{index}.opens",
                _("%(range)s overlaps %(other)s; join them into one range or move one.")
                % {"range": row, "other": before},
            )


def _check_one_row_per_date(name: str, rows: list[Any]) -> None:
    first_at: dict[Any, int] = {}
    for index, row in enumerate(rows):
        if row.date in first_at:
            raise _invalid_at(
                f"{name}.{index}.date",
                _("%(date)s is already given at position %(other)s; each date may appear once.")
                % {"date": row.date.isoformat(), "other": first_at[row.date]},
            )
        first_at[row.date] = index


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _check_time_zone(value: Any) -> None:
    # Checked against the known names before the model's validator runs: that one asks the zone
    # files, which answer a directory name such as "Europe" with an error it does not catch.
    if isinstance(value, str) and value and value not in _time_zones():
        raise _invalid_at(
            "time_zone",
            _("%(value)s is not a time zone; use an IANA name such as Europe/Berlin.") % {"value": value},
        )


# Policies.


def create_policy(user: Any, data: Mapping[str, Any]) -> SlaPolicy:
    """A new policy; conditions left out hold for every ticket, targets left out make no promise."""
    defaults: dict[str, Any] = {**{name: [] for name in (*POLICY_LINKS, *POLICY_ROWS)}}
    return _save_policy(user, SlaPolicy(), {**defaults, **data})


def change_policy(user: Any, sla_policy: SlaPolicy, changes: Mapping[str, Any]) -> SlaPolicy:
    """Change the fields given; organisation_ids, product_line_ids or targets given replace the old."""
    return _save_policy(user, sla_policy, changes)


def delete_policy(user: Any, sla_policy: SlaPolicy) -> None:
    """Delete a policy with its targets; tickets under it keep the clocks they have."""
    _require_manager(user)
    with transaction.atomic():
        sla_policy.delete()


def _save_policy(user: Any, sla_policy: SlaPolicy, changes: Mapping[str, Any]) -> SlaPolicy:
    _require_manager(user)
    _refuse_unknown(changes, POLICY_FIELDS | POLICY_LINKS.keys() | set(POLICY_ROWS))
    _apply(sla_policy, changes, POLICY_FIELDS)
    links = {name: _linked_ids(name, changes[name]) for name in POLICY_LINKS if name in changes}
    rows: dict[str, list[Any]] = {}
    if "targets" in changes:
        rows["targets"] = _targets(changes["targets"])
    if "escalation_levels" in changes:
        rows["escalation_levels"] = _escalation_levels(changes["escalation_levels"])

    def write(locked: SlaPolicy) -> None:
        for name, ids in links.items():
            getattr(locked, POLICY_LINKS[name][0]).set(ids)
        for name, new_rows in rows.items():
            getattr(locked, name).all().delete()
            for row in new_rows:
                row.policy = locked
            _POLICY_ROW_MODELS[name].objects.bulk_create(new_rows)

    saved = _write(sla_policy, write)
    after_change(policy_id=saved.pk)
    return saved


def _linked_ids(name: str, ids: Iterable[int] | None) -> list[int]:
    if ids is None:
        raise _invalid_at(name, _("send a list; an empty list removes this condition."))
    wanted = list(dict.fromkeys(ids))
    model = POLICY_LINKS[name][1]
    found = set(model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        raise _invalid_at(
            name,
            _("no %(what)s has these ids: %(ids)s.")
            % {"what": model._meta.verbose_name, "ids": ", ".join(missing)},
        )
    return wanted


def _targets(items: Iterable[Mapping[str, Any]] | None) -> list[SlaTarget]:
    if items is None:
        raise _invalid_at("targets", _("send a list; an empty list removes all targets."))
    targets: list[SlaTarget] = []
    first_at: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items):
        target = SlaTarget(**{**item, "region": (item.get("region") or "").strip()})
        _clean(target, prefix=f"targets.{index}", exclude=["policy"])
        # Regions are matched without regard to case or spaces, so "North" and "north " are one.
        key = (target.metric, target.region.casefold())
        if key in first_at:
            raise _invalid_at(
                f"targets.{index}.metric",
                _("this metric and region are already given at position %(other)s; a policy has one "
                  "target per metric and region.") % {"other": first_at[key]},
            )  # fmt: skip
        first_at[key] = index
        targets.append(target)
    return targets


def _escalation_levels(items: Iterable[Mapping[str, Any]] | None) -> list[EscalationLevel]:
    if items is None:
        raise _invalid_at("escalation_levels", _("send a list; an empty list removes the chain."))
    levels: list[EscalationLevel] = []
    first_at: dict[tuple[str, int], int] = {}
    for index, item in enumerate(items):
        level = EscalationLevel(**{**item, "metric": item.get("metric") or ""})
        _clean(level, prefix=f"escalation_levels.{index}", exclude=["policy"])
        key = (level.metric, level.after_minutes)
        if key in first_at:
            raise _invalid_at(
                f"escalation_levels.{index}.after_minutes",
                _("a level for this metric and delay is already given at position %(other)s.")
                % {"other": first_at[key]},
            )
        first_at[key] = index
        levels.append(level)
    return levels


# Shared steps.


def _require_manager(user: Any) -> None:
    if not access.can_manage_service_levels(user):
        raise Forbidden(
            _("Only supervisors, support managers and administrators may change calendars and SLA policies.")
        )


def _refuse_unknown(changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise InvalidInput(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            field=min(unknown),
        )


def _apply(instance: Model, changes: Mapping[str, Any], fields: Iterable[str]) -> None:
    """Set the plain fields given and validate the whole row as the model does."""
    for name in fields:
        if name not in changes:
            continue
        # Model validation lets an empty value pass where blank is allowed, and the database would
        # then refuse the null with an error that names nothing.
        if changes[name] is None and not _field(instance, name).null:
            raise _invalid_at(name, _("This field cannot be null."))
        setattr(instance, name, changes[name])
    _clean(instance)


def _clean(instance: Model, *, prefix: str = "", exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise _invalid_at(_sent_name(instance, name, prefix), messages[0]) from exc


def _sent_name(instance: Model, name: str, prefix: str) -> str | None:
    """The field as the client sent it: a foreign key by its id, a nested row by its position."""
    if name != NON_FIELD_ERRORS:
        with suppress(FieldDoesNotExist):
            name = _field(instance, name).attname
    parts = [part for part in (prefix, "" if name == NON_FIELD_ERRORS else name) if part]
    return ".".join(parts) or None


def _field(instance: Model, name: str) -> Field:
    return cast(Field, instance._meta.get_field(name))


def _invalid_at(field: str | None, message: str) -> InvalidInput:
    return InvalidInput(f"{field}: {message}" if field else message, field=field)


def _lock(instance: Model) -> None:
    # Two changes replacing the same rows at once would otherwise both insert theirs.
    locked = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()
    if locked is None:
        raise NotFound(_("This %(what)s was deleted meanwhile.") % {"what": instance._meta.verbose_name})


def _write(instance: R, write: Callable[[R], None]) -> R:
    """Save `instance`, let `write` replace its nested rows, and end with a new revision."""
    try:
        with transaction.atomic():
            if not instance._state.adding:
                _lock(instance)
            instance.save()
            write(instance)
            # The nested rows are written in bulk, past their own save(); the revision must still be
            # new once they are written, whatever the row's save() did, so caches reload them.
            instance.touch()
    except IntegrityError as exc:
        # Both passed validation, but another change saved first (say, one taking the same name).
        raise Conflict(
            _("The %(what)s was changed by someone else meanwhile; read it again and send your change "
              "once more.") % {"what": instance._meta.verbose_name}
        ) from exc  # fmt: skip
    return instance
