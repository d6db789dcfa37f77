"""When a person can take work: their weekly working hours, and the times they are away."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from serviceloop.core.weekdays import Weekday

MINUTES_PER_DAY = 24 * 60


class WeeklyHours(models.Model):
    """One stretch of work on a weekday; a night shift is two rows (22:00-00:00, then 00:00-06:00)."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"), help_text=_("00:00 means midnight at the end of the day."))

    class Meta:
        abstract = True
        ordering = ["weekday", "starts"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"

    @property
    def minutes(self) -> tuple[int, int]:
        end = MINUTES_PER_DAY if self.ends == time(0, 0) else self.ends.hour * 60 + self.ends.minute
        return self.starts.hour * 60 + self.starts.minute, end

    def clean(self) -> None:
        if self.starts is None or self.ends is None:
            return
        start, end = self.minutes
        if end <= start:
            raise ValidationError({"ends": _("The end must be after the start.")})


class PersonalHours(WeeklyHours):
    """A person's own working week, in their time zone; without any, their team's hours apply."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="working_hours")

    class Meta(WeeklyHours.Meta):
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")


class TeamHours(WeeklyHours):
    """The team's usual working week, in the team's time zone, for members without hours of their own."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="working_hours")

    class Meta(WeeklyHours.Meta):
        verbose_name = _("team working hours")
        verbose_name_plural = _("team working hours")


class Absence(models.Model):
    """A time a person is away and must not be given new work."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday")
        FIELD_VISIT = "field_visit", _("Field visit")
        SICK = "sick", _("Sick leave")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="absences"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.HOLIDAY)
    starts_at = models.DateTimeField(_("away from"))
    ends_at = models.DateTimeField(_("back at"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="absence_ends_after_start")
        ]
        # "Who is away now": most absences lie in the past, so their end sorts them out first.
        indexes = [models.Index(fields=["user", "ends_at", "starts_at"], name="absence_user_end_idx")]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display()} {self.starts_at:%Y-%m-%d}-{self.ends_at:%Y-%m-%d}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The return must be after the start of the absence.")})
