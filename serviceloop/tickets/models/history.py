from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TicketEvent(models.Model):
    """One row of a ticket's append-only history: who changed what, when, through which channel."""

    # event_ticket_idx (ticket, at) serves every lookup by ticket.
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="events", db_index=False
    )
    name = models.CharField(max_length=40, help_text=_("The domain event, e.g. ticket.transitioned"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=16, blank=True)
    at = models.DateTimeField(default=timezone.now)
    field = models.CharField(max_length=40, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["ticket", "at"], name="event_ticket_idx")]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self) -> str:
        return f"{self.name} {self.field}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Ticket history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Ticket history is append-only")
