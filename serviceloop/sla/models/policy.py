from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from ..metrics import Metric
from .revisioned import Revisioned, RevisionedPart


class Warranty(models.TextChoices):
    ANY = "any", _("Any")
    IN = "in", _("In warranty")
    OUT = "out", _("Out of warranty")


class Emergency(models.TextChoices):
    ANY = "any", _("Any")
    YES = "yes", _("Emergencies only")
    NO = "no", _("No emergencies")


@deconstructible
class ChoiceList:
    """A JSON list whose items are all values of `choices` (given by dotted path for migrations)."""

    def __init__(self, choices_path: str, label: str) -> None:
        self.choices_path = choices_path
        self.label = label

    def __call__(self, value: object) -> None:
        allowed = set(import_string(self.choices_path).values)
        if not isinstance(value, list) or not set(value) <= allowed:
            raise ValidationError(
                _("%(label)s: choose from %(choices)s.")
                % {"label": self.label, "choices": ", ".join(sorted(map(str, allowed)))}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceList) and (other.choices_path, other.label) == (
            self.choices_path,
            self.label,
        )


def _validate_priorities(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(p, int) and 1 <= p <= 4 for p in value):
        raise ValidationError(_("priorities: a list of numbers from 1 to 4."))


def _validate_codes(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(c, str) and c.strip() for c in value):
        raise ValidationError(_('A list of names or codes, e.g. ["DE", "FR"].'))


_TIERS = ChoiceList("serviceloop.customers.models.Tier", "tiers")
_CHANNELS = ChoiceList("serviceloop.tickets.models.Channel", "channels")
_CATEGORIES = ChoiceList("serviceloop.tickets.models.Category", "categories")


class SlaPolicy(Revisioned):
    """Targets for a kind of ticket. Policies are tried in order; the first whose conditions all hold
    applies. An empty condition holds for every ticket."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveIntegerField(_("order"), default=100, help_text=_("Lower is tried first."))
    is_active = models.BooleanField(_("active"), default=True)
    calendar = models.ForeignKey(
        "sla.BusinessCalendar", on_delete=models.PROTECT, related_name="policies",
        verbose_name=_("calendar"), help_text=_("Business-hours targets count on this calendar."),
    )  # fmt: skip
    warn_at_percent = models.PositiveSmallIntegerField(
        _("warn at (percent of target)"), default=80, help_text=_("0 sends no warning.")
    )
    tiers = models.JSONField(_("customer tiers"), default=list, blank=True, validators=[_TIERS])
    organisations = models.ManyToManyField("customers.Organisation", blank=True, related_name="+")
    countries = models.JSONField(_("countries"), default=list, blank=True, validators=[_validate_codes])
    regions = models.JSONField(_("regions"), default=list, blank=True, validators=[_validate_codes])
    channels = models.JSONField(_("channels"), default=list, blank=True, validators=[_CHANNELS])
    categories = models.JSONField(_("categories"), default=list, blank=True, validators=[_CATEGORIES])
    priorities = models.JSONField(
        _("priorities"), default=list, blank=True, validators=[_validate_priorities]
    )
    emergency = models.CharField(
        _("emergency"), max_length=3, choices=Emergency.choices, default=Emergency.ANY
    )
    product_lines = models.ManyToManyField("customers.ProductLine", blank=True, related_name="+")
    warranty = models.CharField(_("warranty"), max_length=3, choices=Warranty.choices, default=Warranty.ANY)
    # A team keeps its own hours (the hotline round the clock, engineering in office hours).
    teams = models.ManyToManyField("accounts.Team", blank=True, related_name="+", verbose_name=_("teams"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self) -> str:
        return self.name


class SlaTarget(RevisionedPart):
    """How long one promise of a policy may take. A policy's revision moves with its targets, so
    processes that keep policies reload them."""

    owner_field = "policy"

    policy = models.ForeignKey(SlaPolicy, on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    minutes = models.PositiveIntegerField(_("minutes"))
    business_hours = models.BooleanField(
        _("in business hours"), default=True,
        help_text=_("Counted on the calendar's opening hours; otherwise around the clock."),
    )  # fmt: skip
    calendar = models.ForeignKey(
        "sla.BusinessCalendar", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Leave empty for the policy's calendar."),
    )  # fmt: skip
    region = models.CharField(
        _("region"), max_length=100, blank=True,
        help_text=_("Only for customers in this region (e.g. on-site targets); empty for every region."),
    )  # fmt: skip

    class Meta:
        ordering = ["policy", "metric", "region"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "metric", "region"], name="uniq_target_per_policy"),
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="target_minutes_positive"),
        ]
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")

    def __str__(self) -> str:
        return f"{self.get_metric_display()}: {self.minutes} min"


@receiver(m2m_changed, sender=SlaPolicy.organisations.through)
@receiver(m2m_changed, sender=SlaPolicy.product_lines.through)
@receiver(m2m_changed, sender=SlaPolicy.teams.through)
def _conditions_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, SlaPolicy):
        instance.touch()
