from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Commitment(models.Model):
    """Something promised to the customer, and by when (seed 003's 'what was promised')."""

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="commitments")
    # The ticket's organisation (which never changes), so a customer's open promises are found
    # without walking all of that customer's tickets.
    organisation = models.ForeignKey(
        "customers.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    promise = models.CharField(_("what was promised"), max_length=500)
    due_at = models.DateTimeField(_("by when"), null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "made_at"]
        indexes = [models.Index(fields=["organisation", "fulfilled_at"], name="commitment_org_open_idx")]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.promise

    def save(self, *args, **kwargs):
        if self.organisation_id is None:
            self.organisation_id = self.ticket.organisation_id
        super().save(*args, **kwargs)
