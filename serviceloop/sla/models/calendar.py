from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.core.validators import validate_time_zone
from serviceloop.core.weekdays import Weekday

from .revisioned import Revisioned, RevisionedPart


class BusinessCalendar(Revisioned):
    """When the clock of a service target runs: opening hours in a time zone, less holidays."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")

    def __str__(self) -> str:
        return self.name


class _CalendarPart(RevisionedPart):
    """A row that changes its calendar's working time, and so its revision."""

    owner_field = "calendar"

    class Meta:
        abstract = True


class OpeningHours(_CalendarPart):
    calendar = models.ForeignKey(BusinessCalendar, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("00:00 means midnight at the end of the day."))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    @property
    def minutes(self) -> tuple[int, int]:
        end = 24 * 60 if self.closes == time(0, 0) else self.closes.hour * 60 + self.closes.minute
        return self.opens.hour * 60 + self.opens.minute, end

    def clean(self) -> None:
        start, end = self.minutes
        if end <= start:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class Holiday(_CalendarPart):
    calendar = models.ForeignKey(BusinessCalendar, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    yearly = models.BooleanField(
        _("every year"), default=False, help_text=_("Closed on this day every year.")
    )

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="uniq_holiday_per_calendar")]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}".strip()


class ExtraWorkingDay(_CalendarPart):
    """A day worked although it is a weekend day or a holiday, as the Chinese calendar moves days."""

    calendar = models.ForeignKey(
        BusinessCalendar, on_delete=models.CASCADE, related_name="extra_working_days"
    )
    date = models.DateField(_("date"))
    works_like = models.PositiveSmallIntegerField(
        _("with the hours of"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="uniq_extra_day_per_calendar")
        ]
        verbose_name = _("extra working day")
        verbose_name_plural = _("extra working days")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}".strip()
