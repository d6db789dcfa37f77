from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.core.validators import validate_time_zone


class Tier(models.TextChoices):
    KEY = "key", _("Key account")
    STANDARD = "standard", _("Standard")
    BASIC = "basic", _("Basic")


class Organisation(models.Model):
    """A customer company: buyer and operator of our machines."""

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. DE"))
    region = models.CharField(_("region"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="accounts"
    )
    notes = models.TextField(_("notes"), blank=True)
    mail_domains = models.CharField(
        _("e-mail domains"), max_length=500, blank=True,
        help_text=_("Unknown senders at these domains (comma-separated) open tickets for this organisation."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
