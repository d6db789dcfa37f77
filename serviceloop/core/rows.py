"""Reading and writing rows on the busiest paths without the ORM building their statement every time.

`Model.save()` compiles its INSERT afresh for each row: 0.08 ms for a history row on SQLite, four
times what SQLite then takes to run it, and opening a ticket writes five such rows while it holds
SQLite's only write lock. Here the statement is made once per model and database; each value is
still prepared by its field as `save()` prepares it (defaults, auto_now_add, JSON). No signal is
sent and no `save()` override runs: use it only for new rows of models that no signal watches.
Reads by key (`get`) likewise: the ORM's `.get()` costs three times the SQL on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar, cast

from django.db import connection, models, transaction
from django.db.models.fields import NOT_PROVIDED
from django.db.models.manager import BaseManager

M = TypeVar("M", bound=models.Model)


def get(model: type[M], pk: Any) -> M | None:
    """`model._default_manager.filter(pk=pk).first()`, its SELECT made once per model (a third of
    the ORM's CPU on PostgreSQL). A manager that filters its rows is honoured by asking it instead."""
    if type(model._default_manager).get_queryset is not BaseManager.get_queryset:
        return model._default_manager.filter(pk=pk).first()
    with connection.cursor() as cursor:
        cursor.execute(
            _select_statement(model, connection.vendor), [model._meta.pk.get_db_prep_value(pk, connection)]
        )
        found = cursor.fetchone()
    return None if found is None else instance(model, found)


def columns(model: type[models.Model], table: str = "") -> str:
    """The model's columns for a SELECT, in the order `instance` takes their values; `table` names
    the table (or its alias) they come from when the statement reads several."""
    quote, prefix = connection.ops.quote_name, f"{table}." if table else ""
    return ", ".join(prefix + quote(field.column) for field in model._meta.concrete_fields)


def instance(model: type[M], values: Sequence[Any]) -> M:
    """The model instance for a row read with `columns(model)`, each value converted as the ORM
    converts it (SQLite's dates and JSON, say)."""
    names, converters = _loading(model, connection.vendor)
    converted = list(values[: len(names)])
    for index, expression, convert in converters:
        for converter in convert:
            converted[index] = converter(converted[index], expression, connection)
    return model.from_db(connection.alias, names, converted)


def insert(instance: models.Model) -> None:
    """Write the new `instance` with one INSERT and give it the primary key the database chose."""
    insert_many([instance])


def insert_committed(instance: models.Model) -> None:
    """`insert`, committed on its own as `with transaction.atomic(): insert(instance)` would be
    (inside a caller's transaction, as part of it), in fewer round trips where the database allows.

    On PostgreSQL a lone statement in autocommit mode is a transaction of its own, as durable, with
    no BEGIN and COMMIT to send. SQLite's writers queue for the write lock when a transaction
    begins (see core.sqlite), so there the write goes in a transaction like every other."""
    if connection.vendor == "sqlite":
        with transaction.atomic():
            insert(instance)
    else:
        insert(instance)


def insert_many(instances: Sequence[models.Model]) -> None:
    """Write new instances of one model with a single multi-row INSERT (a ticket's first clocks),
    giving each the primary key the database chose, in order (as Django's bulk_create relies on)."""
    if not instances:
        return
    model = type(instances[0])
    if any(type(instance) is not model for instance in instances):
        raise TypeError("insert_many() writes instances of one model at a time")
    statement, fields, generated = _insert_statement(model, connection.vendor, len(instances))
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection)
        for instance in instances
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(statement, values)
        keys = [row[0] for row in cursor.fetchall()]
    for instance, key in zip(instances, keys, strict=True):
        instance.pk = key
        instance._state.adding = False
        instance._state.db = connection.alias
        for name in generated:  # computed by the database: read on first use, as after save()
            instance.__dict__.pop(name, None)


def update(instance: models.Model, names: list[str]) -> None:
    """`instance.save(update_fields=names)` for fields that change nothing themselves when saved (no
    auto_now), each value prepared by its field."""
    meta, quote = instance._meta, connection.ops.quote_name
    fields = [cast("models.Field[Any, Any]", meta.get_field(name)) for name in names]
    columns = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    values = [field.get_db_prep_save(getattr(instance, field.attname), connection) for field in fields]
    statement = f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {quote(meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.execute(statement, [*values, instance.pk])


@lru_cache(maxsize=128)  # a few models, each with one or a few row counts
def _insert_statement(model: type[models.Model], vendor: str, count: int) -> tuple[str, list[Any], list[str]]:
    meta, quote = model._meta, connection.ops.quote_name
    if any(field.db_default is not NOT_PROVIDED for field in meta.concrete_fields):
        raise ValueError(f"{meta.label} has database defaults: save() it instead")
    fields = [field for field in meta.concrete_fields if field is not meta.auto_field and not field.generated]
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * count)
    returning = quote(meta.pk.column)
    statement = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {marks} RETURNING {returning}"
    return statement, fields, [field.attname for field in meta.concrete_fields if field.generated]


@lru_cache(maxsize=64)
def _select_statement(model: type[models.Model], vendor: str) -> str:
    meta, quote = model._meta, connection.ops.quote_name
    return f"SELECT {columns(model)} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"


Converters = list[tuple[int, Any, list[Callable[..., Any]]]]


@lru_cache(maxsize=64)
def _loading(model: type[models.Model], vendor: str) -> tuple[list[str], Converters]:
    fields = model._meta.concrete_fields
    converters: Converters = []
    for index, field in enumerate(fields):
        column = field.get_col(model._meta.db_table)
        convert = [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]
        if convert:
            converters.append((index, column, convert))
    return [field.attname for field in fields], converters
