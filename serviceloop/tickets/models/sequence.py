from django.db import models


class TicketNumberSequence(models.Model):
    """The last ticket number handed out in a year; numbers restart each year (SL-2026-000001).
    On PostgreSQL a sequence per year hands them out and starts after this (services.numbering)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
