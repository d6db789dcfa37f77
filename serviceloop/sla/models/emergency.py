from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmergencyAlert(models.Model):
    """A ticket whose customer's business has stopped: raised once, until someone takes charge.

    While it is not handled the supervisors have been told and the ticket is pinned above every
    queue. It goes away when the ticket stops being an emergency, so a new emergency raises again."""

    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.CASCADE, primary_key=True,
                                  related_name="emergency_alert")  # fmt: skip
    raised_at = models.DateTimeField(_("raised at"))
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("emergency alert")
        verbose_name_plural = _("emergency alerts")

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.raised_at:%Y-%m-%d %H:%M}"
