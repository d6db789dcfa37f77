from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "serviceloop.routing"
    label = "routing"
    verbose_name = _("Routing")

    def ready(self) -> None:
        # Rules first: a rule may give a new ticket its team, and assignment within the team follows.
        from serviceloop.tickets.services.transitions import register_guard

        from . import subscribers  # noqa: F401
        from .assignment import subscribers as assignment_subscribers  # noqa: F401
        from .services.ruleset import share_revision
        from .tiers import tier_guard

        share_revision()
        register_guard(tier_guard)  # an escalation carries its reason and what was tried
