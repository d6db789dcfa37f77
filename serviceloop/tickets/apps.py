from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_search_index(sender, using, **kwargs):
    from django.db import connections

    from .search_index import ensure_search_index

    ensure_search_index(connections[using])


class TicketsConfig(AppConfig):
    name = "serviceloop.tickets"
    label = "tickets"
    verbose_name = _("Tickets")

    def ready(self) -> None:
        post_migrate.connect(_restore_search_index, sender=self, dispatch_uid="tickets-search-index")
