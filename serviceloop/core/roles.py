"""The roles people play in Serviceloop. Decisions about what a role may do live in `policy`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENT = "agent", _("L1 service agent")
    ENGINEER = "engineer", _("Support engineer")
    EXPERT = "expert", _("Expert")
    SUPERVISOR = "supervisor", _("Supervisor")
    MANAGER = "manager", _("Support manager")
    QUALITY = "quality", _("Quality inspector")
    ADMIN = "admin", _("Administrator")
    PARTNER = "partner", _("Partner/supplier technician")
    CUSTOMER = "customer", _("Customer")


STAFF_ROLES = frozenset(
    {Role.AGENT, Role.ENGINEER, Role.EXPERT, Role.SUPERVISOR, Role.MANAGER, Role.QUALITY, Role.ADMIN}
)
APPROVER_ROLES = frozenset({Role.SUPERVISOR, Role.MANAGER, Role.ADMIN})
EXTERNAL_ROLES = frozenset({Role.PARTNER, Role.CUSTOMER})
