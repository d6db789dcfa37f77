from django.db import models
from django.utils.translation import gettext_lazy as _


class Machine(models.Model):
    """One machine we sold: the installed base a support engineer looks at first."""

    organisation = models.ForeignKey(
        "customers.Organisation", on_delete=models.PROTECT, related_name="machines"
    )
    model = models.ForeignKey("customers.ProductModel", on_delete=models.PROTECT, related_name="machines")
    serial_number = models.CharField(_("serial number"), max_length=80, unique=True)
    ship_date = models.DateField(_("ship date"), null=True, blank=True)
    warranty_end = models.DateField(_("warranty end"), null=True, blank=True)
    site_address = models.TextField(_("site address"), blank=True)
    special_build_notes = models.TextField(_("special build notes"), blank=True)
    supplier = models.ForeignKey(
        "customers.Supplier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="machines",
        help_text=_("Who supplied this unit, when it differs from the model's supplier."),
    )

    class Meta:
        ordering = ["serial_number"]
        verbose_name = _("machine")
        verbose_name_plural = _("machines")

    def __str__(self) -> str:
        return f"{self.serial_number} ({self.model.code})"

    @property
    def responsible_supplier_id(self) -> int | None:
        return self.supplier_id or self.model.supplier_id
