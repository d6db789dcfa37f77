from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("solution plan state", "Rejected")
    SUPERSEDED = "superseded", _("Superseded")


class Delivery(models.TextChoices):
    REMOTE = "remote", _("Remote")
    ON_SITE = "on_site", _("On site")


class ResourceKind(models.TextChoices):
    SOFTWARE = "software", _("Software")
    SPARE_PART = "spare_part", _("Spare part")
    INSTRUMENT = "instrument", _("Instrument")
    OTHER = "other", _("Other")


class SolutionPlan(models.Model):
    """One version of the written plan that solves a ticket.

    Versions are kept: a draft is edited in place until it is submitted, after which its row never
    changes again except for the review; a revision is a new row with the next version number.
    """

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="solution_plans", db_index=False
    )
    version = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("author"),
    )  # fmt: skip
    cause = models.TextField(_("cause analysis"), blank=True)
    # Ordered step texts.
    steps = models.JSONField(_("steps"), default=list, blank=True)
    # Lines of {"kind": ResourceKind, "description": str, "quantity": str (a decimal number)}.
    resources = models.JSONField(_("tools and resources"), default=list, blank=True)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    risks = models.TextField(_("risks"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("reviewer"),
    )  # fmt: skip
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        ordering = ["ticket", "version"]
        constraints = [
            # Also the index every lookup by ticket reads.
            models.UniqueConstraint(fields=["ticket", "version"], name="solutionplan_ticket_version_uniq")
        ]
        verbose_name = _("solution plan")
        verbose_name_plural = _("solution plans")

    def __str__(self) -> str:
        return _("Solution plan v%(version)s") % {"version": self.version}

    @property
    def resource_lines(self) -> list[dict[str, str]]:
        """The resources with the name of their kind in the active language."""
        kinds = dict(ResourceKind.choices)
        return [{**line, "kind_label": str(kinds.get(line.get("kind"), line.get("kind", "")))}
                for line in self.resources]  # fmt: skip

    @property
    def is_editable(self) -> bool:
        return self.state in (PlanState.DRAFT, PlanState.CHANGES_REQUESTED)
