from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "serviceloop.sla"
    label = "sla"
    verbose_name = _("Service levels")

    def ready(self) -> None:
        from . import directory_changes, subscribers  # noqa: F401  (clocks follow ticket and directory changes)
