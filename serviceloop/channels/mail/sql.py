"""The reads the intake runs for every mail, written as SQL (its row writes: core.rows).

Building a statement through the ORM costs several times what the database then takes to run it
(0.1-0.4 ms against 0.01-0.04 ms on SQLite, measured with bench.mail_ingest); at eight a mail that was
a fifth of the intake. Rows still come back as model instances (`Model.objects.raw`), their values
converted as the ORM converts them. Tables and columns
come from `_meta`; the WHERE clauses name columns as the models do.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models

from serviceloop.core.rows import get as by_key

M = TypeVar("M", bound=models.Model)


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def marks(count: int) -> str:
    """Placeholders for an IN list of `count` values."""
    return ", ".join(["%s"] * count)


def instant(value: datetime) -> Any:
    """A datetime as the database stores it (SQLite keeps UTC text without a zone)."""
    return connection.ops.adapt_datetimefield_value(value)


def first(model: type[M], where: str, params: list[Any], order_by: str = "") -> M | None:
    """The first row of `model` matching `where`, in `order_by` order when given, or None."""
    order = f" ORDER BY {order_by}" if order_by else ""
    statement = f"SELECT * FROM {table(model)} WHERE {where}{order} LIMIT 1"
    return next(iter(model._default_manager.raw(statement, params)), None)


def rows(model: type[M], where: str, params: list[Any], order_by: str) -> list[M]:
    statement = f"SELECT * FROM {table(model)} WHERE {where} ORDER BY {order_by}"
    return list(model._default_manager.raw(statement, params))


def containing(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for values that contain `text`."""
    return f"%{connection.ops.prep_for_like_query(text)}%"


def row(model: type[M], pk: Any) -> M:
    """The row of `model` with primary key `pk`; one that is not there is a broken reference."""
    found = by_key(model, pk)
    if found is None:
        raise ObjectDoesNotExist(f"no {model._meta.model_name} {pk}")
    return found


def count(model: type[models.Model], where: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table(model)} WHERE {where}", params)
        return int(cursor.fetchone()[0])
