from django.conf import settings
from django.db.models import F

from ..models import TicketNumberSequence


def next_ticket_number(year: int) -> str:
    """The next human-readable number, e.g. SL-2026-000123. Call inside a transaction."""
    TicketNumberSequence.objects.get_or_create(year=year)
    # The UPDATE takes the row lock, so concurrent creators queue here and never share a number.
    TicketNumberSequence.objects.filter(year=year).update(last=F("last") + 1)
    last = TicketNumberSequence.objects.values_list("last", flat=True).get(year=year)
    return f"{settings.TICKET_NUMBER_PREFIX}-{year}-{last:06d}"
