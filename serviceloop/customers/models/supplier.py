from django.db import models
from django.utils.translation import gettext_lazy as _


class Supplier(models.Model):
    """Whoever stands behind a product: ourselves, a partner, a supplier, a brand or a freelance expert."""

    class Kind(models.TextChoices):
        OWN = "own", _("Our own products")
        PARTNER = "partner", _("Partner")
        SUPPLIER = "supplier", _("Supplier")
        BRAND = "brand", _("Brand")
        FREELANCE = "freelance", _("Freelance expert")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PARTNER)
    email = models.EmailField(_("technical contact e-mail"), blank=True)
    mobile = models.CharField(_("mobile"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Who answers the customer's technical question first: a supplier that handles its products'
    # service is offered the ticket before our own experts take it up.
    handles_in_warranty = models.BooleanField(
        _("handles its products in warranty"), default=False,
        help_text=_("Tickets about its machines in warranty are offered to its technical contacts first."),
    )  # fmt: skip
    service_contract_until = models.DateField(
        _("service contract until"), null=True, blank=True,
        help_text=_("Until this day, tickets about its machines are offered to it whatever the warranty."),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner or supplier")
        verbose_name_plural = _("partners and suppliers")

    def __str__(self) -> str:
        return self.name
