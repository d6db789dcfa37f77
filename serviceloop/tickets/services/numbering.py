"""Ticket numbers: SL-2026-000123, counted afresh each year.

On SQLite a row per year holds the last number handed out; its writers take turns anyway. On
PostgreSQL that row, locked from the UPDATE that takes a number until the creating transaction
commits, made every other creator wait for the whole creation: it was the last thing keeping two
web workers from creating tickets side by side. There each year has a sequence instead, which hands
out numbers without a lock held to the commit. A number taken by a creation that then fails is not
handed out again (a gap); the input is checked before the number is taken, so that is rare.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from ..models import TicketNumberSequence

logger = logging.getLogger(__name__)

_TAKE = "UPDATE {table} SET last = last + %s WHERE year = %s RETURNING last"
_NEXT = "SELECT nextval(to_regclass(%s)) FROM generate_series(1, %s::integer)"
# A constant of ours for pg_advisory_xact_lock(key, year): only the creation of a sequence waits.
_LOCK_KEY = 0x5E51


def format_ticket_number(year: int, last: int) -> str:
    """The human-readable form of sequence value `last` in `year`, e.g. SL-2026-000123."""
    return f"{settings.TICKET_NUMBER_PREFIX}-{year}-{last:06d}"


def reserve_ticket_numbers(year: int, count: int) -> list[int]:
    """Hand out `count` new numbers of `year`, in increasing order. Call inside a transaction."""
    if connection.vendor == "postgresql":
        return _from_sequence(year, count)
    return _from_row(year, count)


def next_ticket_number(year: int) -> str:
    """The next human-readable number, e.g. SL-2026-000123. Call inside a transaction."""
    return format_ticket_number(year, reserve_ticket_numbers(year, 1)[0])


def sequence_name(year: int) -> str:
    return f"tickets_number_{int(year)}"


def _from_row(year: int, count: int) -> list[int]:
    # One UPDATE ... RETURNING takes the row lock and reads the new value, so concurrent creators
    # queue here and never share a number.
    sql = _TAKE.format(table=connection.ops.quote_name(TicketNumberSequence._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [count, year])
        row = cursor.fetchone()
        if row is None:  # the year's first ticket
            TicketNumberSequence.objects.get_or_create(year=year)
            cursor.execute(sql, [count, year])
            row = cursor.fetchone()
    last = row[0]
    return list(range(last - count + 1, last + 1))


def _from_sequence(year: int, count: int) -> list[int]:
    with connection.cursor() as cursor:
        # nextval(NULL) is NULL: a missing sequence answers in the same round trip, without an error.
        cursor.execute(_NEXT, [sequence_name(year), count])
        numbers = [row[0] for row in cursor.fetchall()]
        if numbers and numbers[0] is None:  # the year's first ticket on this database
            if not _create_sequence(cursor, year):
                return _from_row(year, count)
            cursor.execute(_NEXT, [sequence_name(year), count])
            numbers = [row[0] for row in cursor.fetchall()]
    return sorted(numbers)


def _create_sequence(cursor: Any, year: int) -> bool:
    """Create the year's sequence, going on from the yearly row (where numbers were kept before
    sequences were); False if the database role may not create one, and the row goes on serving."""
    # Creators of a year's first tickets take turns here, until the first one's transaction ends.
    cursor.execute("SELECT pg_advisory_xact_lock(%s::integer, %s::integer)", [_LOCK_KEY, year])
    last = TicketNumberSequence.objects.filter(year=year).values_list("last", flat=True).first() or 0
    name = connection.ops.quote_name(sequence_name(year))
    try:
        with transaction.atomic():  # a savepoint: a refusal must not end the ticket's transaction
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {int(last) + 1}")
    except DatabaseError as exc:
        logger.warning("ticket numbers of %s stay on the yearly row: cannot create %s (%s)", year, name, exc)
        return False
    return True


def forget_sequences() -> None:
    """Drop the yearly sequences (PostgreSQL), as when the ticket tables are emptied: the numbers
    then start again from the yearly rows. For test databases, which are emptied between tests."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class"
            " WHERE relkind = 'S' AND relname LIKE %s AND pg_table_is_visible(oid)",
            ["tickets\\_number\\_%"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP SEQUENCE IF EXISTS {connection.ops.quote_name(name)}")
