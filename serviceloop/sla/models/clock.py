from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..metrics import Metric


class TicketPolicy(models.Model):
    """Which SLA policy a ticket is under; changes are kept in the ticket's history."""

    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.CASCADE, primary_key=True,
                                  related_name="sla_policy")  # fmt: skip
    policy = models.ForeignKey("sla.SlaPolicy", null=True, on_delete=models.SET_NULL, related_name="+")
    matched_at = models.DateTimeField()
    # Chosen for this ticket by a routing rule: kept whatever the policies' conditions say later.
    chosen = models.ForeignKey(
        "sla.SlaPolicy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("chosen by a routing rule"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("ticket's SLA policy")
        verbose_name_plural = _("tickets' SLA policies")

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.policy_id}"


class SlaClock(models.Model):
    """One promise on one ticket: when it is due, how much of it has run, and whether it was kept."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        MET = "met", _("Met")
        STOPPED = "stopped", _("Stopped")  # the ticket was cancelled or merged; nothing is owed

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="sla_clocks")
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    policy = models.ForeignKey("sla.SlaPolicy", null=True, on_delete=models.SET_NULL, related_name="+")
    calendar = models.ForeignKey(
        "sla.BusinessCalendar", null=True, on_delete=models.PROTECT, related_name="+"
    )
    target_seconds = models.PositiveIntegerField()
    business_hours = models.BooleanField(default=True)
    warn_at_percent = models.PositiveSmallIntegerField(default=80)
    state = models.CharField(max_length=8, choices=State.choices, default=State.RUNNING)
    cycle = models.PositiveIntegerField(default=1, help_text=_("Restarts of a recurring promise"))
    started_at = models.DateTimeField()
    # Working time counted before `running_since`; the clock has used elapsed + (now - running_since).
    elapsed_seconds = models.FloatField(default=0)
    running_since = models.DateTimeField(null=True)
    paused_at = models.DateTimeField(null=True)
    paused_seconds = models.FloatField(default=0, help_text=_("Wall-clock time spent paused"))
    due_at = models.DateTimeField(_("due at"), null=True)
    warn_at = models.DateTimeField(null=True)
    warned_at = models.DateTimeField(null=True)
    breached_at = models.DateTimeField(_("breached at"), null=True)
    met_at = models.DateTimeField(_("met at"), null=True)
    # Escalation levels of this cycle already carried out (only the scheduler writes it), and the
    # moment the chain counts from: the breach, moved on by any time paused since.
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalation_from = models.DateTimeField(null=True)
    # The next moment something may fire (a warning, the breach, an escalation); empty when nothing will.
    # The scheduler reads only this small partial index, never the open tickets.
    next_check_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["ticket", "metric"]
        constraints = [models.UniqueConstraint(fields=["ticket", "metric"], name="uniq_clock_per_ticket")]
        indexes = [
            models.Index(
                fields=["next_check_at"],
                condition=models.Q(next_check_at__isnull=False),
                name="sla_next_check_idx",
            ),
            # The supervisors' board: running clocks by due time, and today's breaches.
            models.Index(fields=["due_at"], condition=models.Q(state="running"), name="sla_running_due_idx"),
            models.Index(
                fields=["breached_at"], condition=models.Q(breached_at__isnull=False), name="sla_breached_idx"
            ),
        ]
        verbose_name = _("SLA clock")
        verbose_name_plural = _("SLA clocks")

    def __str__(self) -> str:
        return f"{self.metric} {self.state}"
