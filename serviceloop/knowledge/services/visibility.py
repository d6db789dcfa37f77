"""Which articles a person may read: the one query every face and the search use."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from serviceloop.core.errors import NotFound
from serviceloop.tickets.services import validation as v

from ..models import Article
from ..policy import article_scope


def visible_articles(user: Any, articles: QuerySet | None = None) -> QuerySet:
    """Articles `user` may read (anonymous visitors too: pass AnonymousUser or None)."""
    articles = articles if articles is not None else Article.objects.all()
    return articles.filter(article_scope(user))


def get_visible_article(user: Any, pk: Any) -> Article:
    """The article if `user` may read it; NotFound otherwise, so its existence is not revealed."""
    try:
        number = int(pk)
        if not 0 < number <= v.MAX_ID:
            raise ValueError(pk)
        return visible_articles(user).select_related("category").get(pk=number)
    except (Article.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("No article %(ref)s.") % {"ref": v.shown(pk)}) from exc


def language_versions(user: Any, article: Article) -> QuerySet:
    """The other language versions of `article` that `user` may read."""
    return visible_articles(user).filter(translation_group=article.translation_group).exclude(pk=article.pk)
