from django.db import models


class TicketNumberSequence(models.Model):
    """The last ticket number handed out in a year; numbers restart each year (SL-2026-000001)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
