from django.conf import settings
from django.db import connection

from ..models import TicketNumberSequence

_TAKE = "UPDATE {table} SET last = last + %s WHERE year = %s RETURNING last"


def format_ticket_number(year: int, last: int) -> str:
    """The human-readable form of sequence value `last` in `year`, e.g. SL-2026-000123."""
    return f"{settings.TICKET_NUMBER_PREFIX}-{year}-{last:06d}"


def reserve_ticket_numbers(year: int, count: int) -> range:
    """Hand out `count` consecutive sequence values of `year`. Call inside a transaction."""
    # One UPDATE ... RETURNING takes the row lock and reads the new value, so concurrent creators
    # queue here and never share a number (PostgreSQL and SQLite >= 3.35 both support RETURNING).
    sql = _TAKE.format(table=connection.ops.quote_name(TicketNumberSequence._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [count, year])
        row = cursor.fetchone()
        if row is None:  # the year's first ticket
            TicketNumberSequence.objects.get_or_create(year=year)
            cursor.execute(sql, [count, year])
            row = cursor.fetchone()
    last = row[0]
    return range(last - count + 1, last + 1)


def next_ticket_number(year: int) -> str:
    """The next human-readable number, e.g. SL-2026-000123. Call inside a transaction."""
    return format_ticket_number(year, reserve_ticket_numbers(year, 1)[0])
