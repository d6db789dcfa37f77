from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolutionsConfig(AppConfig):
    name = "serviceloop.solutions"
    label = "solutions"
    verbose_name = _("Solution plans")

    def ready(self) -> None:
        from serviceloop.tickets.services.transitions import register_guard

        # Approvers and authors hear of plans; verification rounds follow the ticket's status.
        from . import subscribers, verification_subscribers  # noqa: F401
        from .services.guard import plan_guard

        register_guard(plan_guard)
