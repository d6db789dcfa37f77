from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductLine(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("product line")
        verbose_name_plural = _("product lines")

    def __str__(self) -> str:
        return self.name


class ProductModel(models.Model):
    """A machine model we sell; the supplier is who answers technical questions about it."""

    line = models.ForeignKey(ProductLine, on_delete=models.PROTECT, related_name="models")
    code = models.CharField(_("model code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    supplier = models.ForeignKey(
        "customers.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="product_models"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("product model")
        verbose_name_plural = _("product models")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProductModule(models.Model):
    """A part of a product line (spindle, controller, hydraulics...) used to classify questions."""

    line = models.ForeignKey(ProductLine, on_delete=models.PROTECT, related_name="modules")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["line__name", "name"]
        constraints = [models.UniqueConstraint(fields=["line", "name"], name="uniq_module_per_line")]
        verbose_name = _("product module")
        verbose_name_plural = _("product modules")

    def __str__(self) -> str:
        return self.name
