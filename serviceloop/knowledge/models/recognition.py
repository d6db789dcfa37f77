"""The quarters whose top contributors were thanked, so each quarter is recognised once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContributorRecognition(models.Model):
    """One quarter's recognition: when it was sent and whom it named (rank, person, figures)."""

    quarter = models.CharField(_("quarter"), max_length=7, unique=True)  # like 2026Q3
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    top = models.JSONField(_("top contributors"), default=list, blank=True)

    class Meta:
        ordering = ["-quarter"]
        verbose_name = _("contributor recognition")
        verbose_name_plural = _("contributor recognitions")

    def __str__(self) -> str:
        return self.quarter
