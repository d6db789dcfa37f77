"""A ticket offered to the supplier that handles the product, with the time it has to answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

_OPEN = models.Q(state="open")


class SupplierOffer(models.Model):
    """The ticket was offered to a supplier's technical contacts; if nobody answers by `due_at`, our
    own expert takes it. One offer at most is open per ticket."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for the supplier")
        ANSWERED = "answered", _("Answered by the supplier")
        DECLINED = "declined", _("Declined by the supplier")
        EXPIRED = "expired", _("No answer in time")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Reason(models.TextChoices):
        WARRANTY = "warranty", _("The machine is in warranty")
        CONTRACT = "contract", _("The supplier's service contract")
        MANUAL = "manual", _("Offered by the desk")

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="supplier_offers")
    supplier = models.ForeignKey("customers.Supplier", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offered_at = models.DateTimeField(_("offered at"))
    due_at = models.DateTimeField(_("answer due at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-offered_at", "-pk"]
        verbose_name = _("offer to a supplier")
        verbose_name_plural = _("offers to suppliers")
        constraints = [
            models.UniqueConstraint(fields=["ticket"], condition=_OPEN, name="one_open_offer"),
        ]
        # The sweep reads only the open offers, by due time.
        indexes = [models.Index(fields=["due_at"], condition=_OPEN, name="offer_open_due_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id} -> {self.supplier_id}: {self.state}"
