from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PartnerAccess(models.Model):
    """One request of a partner's technician: what they looked at or did, and how it went.

    Partners are outsiders with a view into our customers' tickets, so every page and API call of
    theirs is kept, refused ones included; their changes are also in each ticket's history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("partner technician"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    at = models.DateTimeField(_("at"), default=timezone.now)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("address"), max_length=500)
    ticket_ref = models.CharField(_("ticket"), max_length=40, blank=True)
    status = models.PositiveSmallIntegerField(_("answer"))

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["user", "at"], name="partner_access_user_idx"),
            models.Index(fields=["ticket_ref", "at"], name="partner_access_ticket_idx"),
        ]
        verbose_name = _("partner access")
        verbose_name_plural = _("partner accesses")

    def __str__(self) -> str:
        return f"{self.user} {self.method} {self.path} {self.status}"
