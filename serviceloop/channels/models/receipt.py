from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Receipt(models.Model):
    """Anything received from outside, stored as it came before it is processed.

    If processing fails (bad input, a bug, a crash), the receipt keeps the original and the error,
    so nothing a customer sent is ever lost and it can be processed again.
    """

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        REJECTED = "rejected", _("Rejected")

    source = models.CharField(_("source"), max_length=16, help_text=_("phone, portal, api, email..."))
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payload = models.JSONField(_("payload as received"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.RECEIVED)
    error = models.TextField(blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="receipts"
    )

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["state", "received_at"], name="receipt_state_idx")]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return f"{self.source} {self.received_at:%Y-%m-%d %H:%M} {self.state}"
