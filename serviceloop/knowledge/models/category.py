from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.core.roles import STAFF_ROLES

DEFAULT_REVIEW_DAYS = 365


class KnowledgeCategory(models.Model):
    """A shelf of articles, usually one product line or model, with the person who keeps it current."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    product_line = models.ForeignKey(
        "customers.ProductLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("product line"),
    )  # fmt: skip
    product_model = models.ForeignKey(
        "customers.ProductModel", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("product model"),
    )  # fmt: skip
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"),
        limit_choices_to={"role__in": sorted(STAFF_ROLES), "is_active": True},
        help_text=_("Reviews and publishes the articles of this category and is reminded of their reviews."),
    )  # fmt: skip
    review_every_days = models.PositiveIntegerField(
        _("review every (days)"), default=DEFAULT_REVIEW_DAYS,
        help_text=_("A published article is due for review this many days after it was last confirmed."),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_every_days__gte=1), name="knowledgecategory_review_days_positive"
            )
        ]
        verbose_name = _("knowledge category")
        verbose_name_plural = _("knowledge categories")

    def __str__(self) -> str:
        return self.name
