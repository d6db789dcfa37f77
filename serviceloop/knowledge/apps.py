from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_search_index(sender, using, **kwargs):
    from django.db import connections

    from .search_index import ensure_search_index

    ensure_search_index(connections[using])


class KnowledgeConfig(AppConfig):
    name = "serviceloop.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        # SQLite drops the FTS5 triggers when a migration rebuilds the article table: put them back.
        post_migrate.connect(_restore_search_index, sender=self, dispatch_uid="knowledge-search-index")
