"""Plain bulk INSERTs (COPY on PostgreSQL) for generated rows.

`bulk_create` spends most of its time compiling SQL value by value; rows of plain values through
`executemany` are several times faster. Columns the generator does not name get the model field's
default, prepared once, so a field added to a model later does not break the generator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models


class RowWriter:
    def __init__(self, model: type[models.Model], given: Sequence[str]):
        # Generated columns are computed by the database and cannot be written.
        by_name = {f.attname: f for f in model._meta.concrete_fields if not getattr(f, "generated", False)}
        missing = set(given) - set(by_name)
        if missing:
            raise ValueError(f"{model.__name__} has no fields {sorted(missing)}")
        rest = [f for f in by_name.values() if f.attname not in given and not f.primary_key]
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        self.datetimes = [
            i for i, name in enumerate(given) if isinstance(by_name[name], models.DateTimeField)
        ]
        columns = [by_name[name].column for name in given] + [f.column for f in rest]
        quote = connection.ops.quote_name
        target = f"{quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
        self.sql = f"INSERT INTO {target} VALUES ({', '.join(['%s'] * len(columns))})"
        self.copy_sql = f"COPY {target} FROM STDIN"

    def insert(self, rows: Iterable[Sequence]) -> int:
        adapt = connection.ops.adapt_datetimefield_value
        prepared = []
        for row in rows:
            values = list(row)
            for i in self.datetimes:
                values[i] = adapt(values[i])
            values.extend(self.defaults)
            prepared.append(values)
        if not prepared:
            return 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY is PostgreSQL's bulk path: several times faster than INSERTs, same rows.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for values in prepared:
                        copy.write_row(values)
            else:
                cursor.executemany(self.sql, prepared)
        return len(prepared)
