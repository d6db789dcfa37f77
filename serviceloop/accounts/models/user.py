from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.core import policy
from serviceloop.core.roles import Role


class User(AbstractUser):
    """Anyone who logs in: our staff, a partner's technician, or a customer's contact."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.AGENT)
    organisation = models.ForeignKey(
        "customers.Organisation",
        verbose_name=_("customer organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For customers: the organisation whose tickets they see."),
    )
    supplier = models.ForeignKey(
        "customers.Supplier",
        verbose_name=_("partner or supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="technicians",
        help_text=_("For partner technicians: the company whose products they support."),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    mobile = models.CharField(_("mobile"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_service_staff(self) -> bool:
        return policy.is_staff(self)

    @property
    def can_manage_mail(self) -> bool:
        return policy.can_manage_mail(self)

    @property
    def can_see_service_level_board(self) -> bool:
        return policy.can_see_service_level_board(self)

    @property
    def is_partner(self) -> bool:
        return policy.is_partner(self)

    @property
    def is_customer(self) -> bool:
        return policy.is_customer(self)

    def save(self, *args, **kwargs):
        # Django's admin is for administrators only; the role is the single source of that right.
        self.is_staff = self.role == Role.ADMIN or self.is_superuser
        super().save(*args, **kwargs)
