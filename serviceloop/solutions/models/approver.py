from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.core.roles import STAFF_ROLES, Role


class PlanApprover(models.Model):
    """A member of staff the support manager lets approve the solution plans of one product line."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="plan_approvals",
        verbose_name=_("approver"),
        limit_choices_to={"role__in": sorted(STAFF_ROLES - {Role.QUALITY})},
    )
    product_line = models.ForeignKey(
        "customers.ProductLine",
        on_delete=models.CASCADE,
        related_name="plan_approvers",
        verbose_name=_("product line"),
    )

    class Meta:
        ordering = ["product_line", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "product_line"], name="planapprover_user_line_uniq")
        ]
        indexes = [models.Index(fields=["product_line"], name="planapprover_line_idx")]
        verbose_name = _("solution plan approver")
        verbose_name_plural = _("solution plan approvers")

    def __str__(self) -> str:
        return f"{self.user} · {self.product_line}"
