from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "serviceloop.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from . import notifications  # noqa: F401  (subscribes to ticket events)
