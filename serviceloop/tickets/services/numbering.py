from django.conf import settings
from django.db.models import F

from ..models import TicketNumberSequence


def format_ticket_number(year: int, last: int) -> str:
    """The human-readable form of sequence value `last` in `year`, e.g. SL-2026-000123."""
    return f"{settings.TICKET_NUMBER_PREFIX}-{year}-{last:06d}"


def reserve_ticket_numbers(year: int, count: int) -> range:
    """Hand out `count` consecutive sequence values of `year`. Call inside a transaction."""
    TicketNumberSequence.objects.get_or_create(year=year)
    # The UPDATE takes the row lock, so concurrent creators queue here and never share a number.
    TicketNumberSequence.objects.filter(year=year).update(last=F("last") + count)
    last = TicketNumberSequence.objects.values_list("last", flat=True).get(year=year)
    return range(last - count + 1, last + 1)


def next_ticket_number(year: int) -> str:
    """The next human-readable number, e.g. SL-2026-000123. Call inside a transaction."""
    return format_ticket_number(year, reserve_ticket_numbers(year, 1)[0])
