from django.db import models
from django.utils.translation import gettext_lazy as _


class FaultType(models.Model):
    """A kind of fault, for classification and the monthly quality report."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("fault type")
        verbose_name_plural = _("fault types")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name
