"""Support tiers: which tier works a ticket now, how it got there, and which team each tier is."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    """In climbing order: a ticket is escalated up this list and handed back down to L1."""

    L1 = "l1", _("L1")
    ENGINEER = "engineer", _("Support engineer")
    EXPERT = "expert", _("Expert")
    MANAGER = "manager", _("Support manager")

    @classmethod
    def rank(cls, tier: str) -> int:
        return list(cls.values).index(tier)


class HandOff(models.Model):
    """One move of a ticket between tiers; append-only. The latest row says the ticket's tier."""

    class Direction(models.TextChoices):
        UP = "up", _("Escalated")
        DOWN = "down", _("Handed back")

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="hand_offs")
    from_tier = models.CharField(_("from tier"), max_length=16, choices=Tier.choices)
    to_tier = models.CharField(_("to tier"), max_length=16, choices=Tier.choices)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    reason = models.CharField(_("reason"), max_length=500)
    tried = models.TextField(_("what was tried"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Who had the ticket before the move: handing back to L1 returns it to where the climb started.
    from_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("hand-off")
        verbose_name_plural = _("hand-offs")
        # The ticket page reads the newest row of one ticket.
        indexes = [models.Index(fields=["ticket", "-at", "-id"], name="routing_handoff_latest")]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.from_tier} -> {self.to_tier}"


class TierTeam(models.Model):
    """The team that receives tickets escalated (or handed back) to a tier when no one is named."""

    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, unique=True)
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["tier"]
        verbose_name = _("tier team")
        verbose_name_plural = _("tier teams")

    def __str__(self) -> str:
        return f"{self.get_tier_display()}: {self.team}"
