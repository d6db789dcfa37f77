"""Resolving the ids a request names, with errors that say which field is wrong."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import rows
from serviceloop.core.errors import InvalidInput
from serviceloop.core.nul import contains_nul, storable

MAX_CLOCK_SKEW = timedelta(minutes=5)
MAX_ID = 2**63 - 1  # the largest id a database column holds


def resolve(model: type[Model], pk: Any, field: str, *, required: bool = False) -> Any:
    if pk in (None, ""):
        if required:
            raise InvalidInput(_("%(field)s is required.") % {"field": field}, field=field)
        return None
    try:
        key = int(pk)
    except (ValueError, TypeError):
        key = None
    # Every ticket opened resolves a few ids: read through core.rows, not the ORM's compiler.
    found = rows.get(model, key) if key is not None and -MAX_ID <= key <= MAX_ID else None
    if found is None:
        raise InvalidInput(
            _("%(field)s: no %(model)s with id %(id)s.")
            % {"field": field, "model": model._meta.verbose_name, "id": shown(pk)},
            field=field,
        )
    return found


def choice(value: Any, choices: Any, field: str, default: str | None = None) -> str:
    if value in (None, "") and default is not None:
        return default
    if value not in choices.values:
        raise InvalidInput(
            _("%(field)s: %(value)s is not one of %(choices)s.")
            % {"field": field, "value": repr(value), "choices": ", ".join(choices.values)},
            field=field,
        )
    return str(value)


def instant(value: datetime, field: str) -> datetime:
    """`value` as the same instant in UTC (naive: read in the current zone), which every database stores.

    PostgreSQL refuses offsets beyond ±15:59 that Python accepts, and an instant before year 1 or after
    9999 in UTC cannot be stored anywhere, so both are refused here naming the field."""
    try:
        aware = timezone.make_aware(value) if timezone.is_naive(value) else value
        return aware.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise InvalidInput(
            _("%(field)s: %(value)s is out of the range we can store.") % {"field": field, "value": value},
            field=field,
        ) from exc


def received_time(value: datetime | None) -> datetime:
    """When a request was received; a phone log may be typed after the call, but never in the future."""
    now = timezone.now()
    if value is None:
        return now
    if timezone.is_naive(value):
        raise InvalidInput(_("received_at must include a time zone offset."), field="received_at")
    value = instant(value, "received_at")
    if value > now + MAX_CLOCK_SKEW:
        raise InvalidInput(_("received_at cannot be in the future."), field="received_at")
    return value


def shown(value: Any) -> str:
    """`value` as text fit to repeat in a message, which may be stored (a receipt keeps its error)."""
    return storable(str(value))


def reject_nul(value: Any, field: str) -> Any:
    """`value` unchanged, unless it holds a NUL character: PostgreSQL cannot store one, so it is refused
    on every database, saying which field to fix."""
    if contains_nul(value):
        raise InvalidInput(
            _("%(field)s contains a NUL character (U+0000); remove it and send again.") % {"field": field},
            field=field,
        )
    return value


def text(value: Any, field: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    reject_nul(value, field)
    if required and not value:
        raise InvalidInput(_("%(field)s must not be empty.") % {"field": field}, field=field)
    if len(value) > max_length:
        raise InvalidInput(
            _("%(field)s is longer than %(max)s characters.") % {"field": field, "max": max_length},
            field=field,
        )
    return value
