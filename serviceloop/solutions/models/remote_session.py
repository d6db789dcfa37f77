from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Offered in the form; any other tool may be typed.
SUGGESTED_TOOLS = ("TeamViewer", "AnyDesk", "VPN", "Video call", "Phone guidance")


class RemoteSession(models.Model):
    """A remote assistance session held on a ticket: which tool, when, and what was done."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="remote_sessions", db_index=False
    )
    tool = models.CharField(_("tool"), max_length=100)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"))
    summary = models.TextField(_("what was done"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["ticket", "started_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gt=F("started_at")), name="remotesession_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["ticket", "started_at", "id"], name="remotesession_ticket_idx")]
        verbose_name = _("remote assistance session")
        verbose_name_plural = _("remote assistance sessions")

    def __str__(self) -> str:
        return f"{self.tool} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds() // 60)
