from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    WORKS = "works", _("It works")
    NOT_FIXED = "not_fixed", _("Not fixed")
    AUTO_RESOLVED = "auto_resolved", _("Resolved without an answer")
    # Resolved, cancelled or merged by the desk while the customer had not answered.
    ENDED = "ended", _("Ended by the service desk")


class Via(models.TextChoices):
    LINK = "link", _("Link in the e-mail")
    PORTAL = "portal", _("Customer portal")
    PHONE = "phone", _("Phone, recorded by staff")
    AUTO = "auto", _("Automatically")
    DESK = "desk", _("Service desk or API")


class Verification(models.Model):
    """One round of asking the customer whether the fix works: from the request to the answer."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="verifications", db_index=False
    )
    round = models.PositiveIntegerField(_("round"))
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    via = models.CharField(_("via"), max_length=10, choices=Via.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("answered by"),
    )  # fmt: skip
    # The contact who answered through the mail's link without a login.
    by_name = models.CharField(_("answered by (name)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["ticket", "round"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "round"], name="verification_ticket_round_uniq")
        ]
        indexes = [
            # What the hourly sweep reads: the rounds still waiting, oldest first.
            models.Index(fields=["requested_at"], condition=Q(answered_at__isnull=True),
                         name="verification_waiting_idx"),
        ]  # fmt: skip
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self) -> str:
        return _("Verification round %(round)s") % {"round": self.round}

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
