"""Keyset ("cursor") pagination: each page starts after the sort key of the previous page's last row.

Unlike OFFSET, the database seeks straight to the next row through the index, so page 10,000 costs
what page 1 costs. The cursor is opaque to clients: base64 of [tag, key values of the last row...].
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import F, Field, Model, OrderBy, Q, QuerySet
from django.utils.translation import gettext as _

from serviceloop.core.errors import InvalidInput

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


@dataclass(frozen=True)
class Key:
    name: str
    descending: bool
    nullable: bool
    nulls_last: bool


def _field(model: type[Model], name: str) -> Field:
    return cast(Field, model._meta.get_field(name))


def keys_of(model: type[Model], ordering: Sequence[Any]) -> list[Key]:
    """The sort keys of `ordering` (names like "-id" or F(...).asc(nulls_last=True)), ending with id."""
    keys = []
    for item in ordering:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            name, desc = item.expression.name, item.descending
            nulls_last = bool(item.nulls_last) if (item.nulls_last or item.nulls_first) else None
        elif isinstance(item, str):
            name, desc, nulls_last = item.lstrip("-"), item.startswith("-"), None
        else:
            raise ValueError(f"Cannot paginate by {item!r}: only plain fields are supported.")
        field = _field(model, name)
        if field.null and nulls_last is None:
            # Databases disagree where NULLs sort unless told, and the cursor must agree with them.
            raise ValueError(f"Sorting by nullable {name} needs nulls_first or nulls_last.")
        keys.append(Key(field.attname, desc, field.null, bool(nulls_last)))
    if not keys or keys[-1].name != "id":
        keys.append(Key("id", False, False, False))
    return keys


def _order(key: Key) -> OrderBy:
    nulls = {"nulls_last": True} if key.nulls_last else {"nulls_first": True}
    kwargs = nulls if key.nullable else {}
    return F(key.name).desc(**kwargs) if key.descending else F(key.name).asc(**kwargs)


def _beyond(key: Key, value: Any) -> Q | None:
    """Rows whose `key` sorts strictly after `value`; None when nothing can."""
    if value is None:
        return None if key.nulls_last else Q(**{f"{key.name}__isnull": False})
    q = Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable and key.nulls_last:
        q |= Q(**{f"{key.name}__isnull": True})
    return q


def _equal(key: Key, value: Any) -> Q:
    return Q(**{f"{key.name}__isnull": True}) if value is None else Q(**{key.name: value})


def after(keys: list[Key], values: list[Any]) -> Q:
    """(k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... in each key's own direction and NULL placement."""
    condition = Q(pk__in=[])
    prefix = Q()
    for key, value in zip(keys, values, strict=True):
        beyond = _beyond(key, value)
        if beyond is not None:
            condition |= prefix & beyond
        prefix &= _equal(key, value)
    first, v1 = keys[0], values[0]
    if not first.nullable:
        # Redundant with the OR above, but a plain range on the leading column lets the planner
        # start an index range scan there instead of filtering the whole table.
        condition &= Q(**{f"{first.name}__{'lte' if first.descending else 'gte'}": v1})
    return condition


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def encode_cursor(tag: str, keys: list[Key], row: Model) -> str:
    data = [tag, *(_jsonable(getattr(row, k.name)) for k in keys)]
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(model: type[Model], tag: str, keys: list[Key], cursor: str) -> list[Any]:
    bad = InvalidInput(_("cursor: not a cursor this list gave out; start again without it."), field="cursor")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise bad from exc
    if not isinstance(data, list) or len(data) != len(keys) + 1 or data[0] != tag:
        raise bad
    values = []
    for key, raw in zip(keys, data[1:], strict=True):
        field = _field(model, key.name)
        if raw is None and not key.nullable:
            raise bad
        try:
            value = None if raw is None else field.to_python(raw)
            if isinstance(value, datetime) and value.tzinfo is not None:
                # As stored: PostgreSQL refuses offsets beyond ±15:59 that a made-up cursor may carry.
                value = value.astimezone(UTC)
        except (ValidationError, TypeError, ValueError, OverflowError) as exc:
            raise bad from exc
        values.append(value)
    return values


def _rows_after(qs: QuerySet, keys: list[Key], values: list[Any], limit: int) -> list[Any]:
    first, value = keys[0], values[0]
    if not (first.nullable and value is not None):
        return list(qs.filter(after(keys, values))[: limit + 1])
    # With a NULL-able leading key the rows after `value` are two index ranges: the values beyond it
    # and (when NULLs sort last) the NULLs. Asked together the planner filters from the index start;
    # asked one after the other each is a short range scan.
    beyond = {f"{first.name}__{'lte' if first.descending else 'gte'}": value}
    rows = list(qs.filter(after(keys, values), **beyond)[: limit + 1])
    if len(rows) <= limit and first.nulls_last:
        rows += list(qs.filter(**{f"{first.name}__isnull": True})[: limit + 1 - len(rows)])
    return rows


def paginate(
    qs: QuerySet, ordering: Sequence[Any], *, cursor: str | None, limit: int, tag: str = ""
) -> tuple[list[Any], str | None]:
    """One page of `qs` sorted by `ordering`, and the cursor of the next page (None on the last)."""
    keys = keys_of(qs.model, ordering)
    qs = qs.order_by(*(_order(k) for k in keys))
    if cursor:
        rows = _rows_after(qs, keys, decode_cursor(qs.model, tag, keys, cursor), limit)
    else:
        rows = list(qs[: limit + 1])
    return page_of(rows, qs.model, ordering, limit=limit, tag=tag)


def page_of(
    rows: list[Any], model: type[Model], ordering: Sequence[Any], *, limit: int, tag: str = ""
) -> tuple[list[Any], str | None]:
    """A first page read some other way (up to `limit` + 1 rows in `ordering`) and its next cursor."""
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], encode_cursor(tag, keys_of(model, ordering), rows[limit - 1])
