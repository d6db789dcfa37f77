from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..metrics import Metric
from .policy import ChoiceList, SlaPolicy
from .revisioned import RevisionedPart


class EscalationAction(models.TextChoices):
    NOTIFY_ASSIGNEE = "notify_assignee", _("Notify the assignee")
    NOTIFY_TEAM = "notify_team", _("Notify the team")
    NOTIFY_SUPERVISOR = "notify_supervisor", _("Notify the supervisors")
    REASSIGN_TO_LEAD = "reassign_to_lead", _("Reassign to the team lead")
    RAISE_PRIORITY = "raise_priority", _("Raise the priority")
    NOTIFY_MANAGER = "notify_manager", _("Notify the support managers")


_ACTIONS = ChoiceList("serviceloop.sla.models.escalation.EscalationAction", "actions")


def _some_action(value: object) -> None:
    if isinstance(value, list) and not value:
        raise ValidationError(_("actions: choose at least one."))


class EscalationLevel(RevisionedPart):
    """One step of a policy's escalation chain: what happens a while after a promise was broken.

    A breached clock climbs the levels for its metric in order of their delay, each once per cycle,
    while it stays unmet and not paused."""

    # Clocks find their chain through the cached policies, which reload on the policy's new revision.
    owner_field = "policy"

    policy = models.ForeignKey(SlaPolicy, on_delete=models.CASCADE, related_name="escalation_levels")
    metric = models.CharField(
        _("metric"), max_length=20, choices=Metric.choices, blank=True,
        help_text=_("Empty: every metric of the policy."),
    )  # fmt: skip
    after_minutes = models.PositiveIntegerField(
        _("minutes after the breach"), default=0,
        help_text=_("Counted on the wall clock from the moment the target was missed."),
    )  # fmt: skip
    actions = models.JSONField(_("actions"), default=list, validators=[_ACTIONS, _some_action])

    class Meta:
        ordering = ["policy", "metric", "after_minutes", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "metric", "after_minutes"], name="uniq_escalation_step"
            ),
        ]
        verbose_name = _("escalation level")
        verbose_name_plural = _("escalation levels")

    def __str__(self) -> str:
        return f"+{self.after_minutes} min: {', '.join(self.actions)}"
