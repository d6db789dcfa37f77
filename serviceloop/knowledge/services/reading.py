"""What readers are shown outside the console: live articles only, one language version per article
(the reader's own where there is one), related articles, the shelves, and the version history for
the people who write them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Forbidden, NotFound
from serviceloop.tickets.services import validation as v

from ..models import LIVE_STATUSES, Article, ArticleVersion, KnowledgeCategory
from ..policy import may_edit
from .filters import SearchFilters, apply_filters
from .visibility import visible_articles

T = TypeVar("T")
RELATED_LIMIT = 5
SITEMAP_LIMIT = 50_000  # what one sitemap file may list


def live_articles(user: Any) -> QuerySet:
    """The published articles `user` may read (due for review still counts: it is the answer in force)."""
    return visible_articles(user).filter(status__in=LIVE_STATUSES)


def get_live_article(user: Any, pk: Any) -> Article:
    """A live article `user` may read; NotFound otherwise, whether it is missing, hidden or a draft."""
    try:
        number = int(pk)
        if not 0 < number <= v.MAX_ID:
            raise ValueError(pk)
        return live_articles(user).select_related("category", "fault_type").get(pk=number)
    except (Article.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("No article %(ref)s.") % {"ref": v.shown(pk)}) from exc


def _base(language: str) -> str:
    return (language or "").lower().split("-")[0]


def language_rank(article_language: str, preferred: str) -> int:
    """0 for the reader's language, 1 for another variant of it (zh-hant for zh-hans), 2 otherwise."""
    if article_language.lower() == (preferred or "").lower():
        return 0
    return 1 if _base(article_language) == _base(preferred) else 2


def one_per_article(items: Iterable[T], language: str, article_of: Any = None) -> list[T]:
    """Keep one language version of each article, the reader's own if there is one, in the given order."""
    get = article_of or (lambda item: item)
    items = list(items)
    chosen: dict[Any, T] = {}
    for item in items:
        group = get(item).translation_group
        best = chosen.get(group)
        if best is None or language_rank(get(item).language, language) < language_rank(
            get(best).language, language
        ):
            chosen[group] = item
    keep = {id(item) for item in chosen.values()}
    return [item for item in items if id(item) in keep]


def in_reader_language(user: Any, article: Article, language: str) -> Article | None:
    """The version of `article` in the reader's language, when it is not already in it."""
    if language_rank(article.language, language) == 0:
        return None
    versions = live_articles(user).filter(translation_group=article.translation_group).exclude(pk=article.pk)
    best = sorted(versions, key=lambda a: language_rank(a.language, language))
    return best[0] if best and language_rank(best[0].language, language) < 2 else None


def live_language_versions(user: Any, article: Article) -> list[Article]:
    """Every live version of `article` the reader may read, itself included, by language."""
    return list(
        live_articles(user).filter(translation_group=article.translation_group).order_by("language", "pk")
    )


def related_articles(user: Any, article: Article, language: str) -> list[Article]:
    """Other live articles on the same shelf or about the same product models, newest first."""
    models = list(article.product_models.values_list("pk", flat=True))
    near = (
        Q(category_id=article.category_id) | Q(product_models__in=models)
        if models
        else Q(category_id=article.category_id)
    )
    found = (
        live_articles(user).filter(near).exclude(translation_group=article.translation_group).distinct()
        .order_by("-published_at", "-id")[: RELATED_LIMIT * 4]
    )  # fmt: skip
    return one_per_article(list(found), language)[:RELATED_LIMIT]


def shelves(user: Any) -> QuerySet:
    """Categories holding live articles `user` may read, by product line, each with how many."""
    readable = live_articles(user).values("pk")
    return (
        KnowledgeCategory.objects.filter(articles__in=readable)
        .annotate(article_count=Count("articles", filter=Q(articles__in=readable), distinct=True))
        .select_related("product_line", "product_model")
        .order_by("product_line__name", "name")
    )


def get_shelf(user: Any, pk: Any) -> KnowledgeCategory:
    try:
        number = int(pk)
        if not 0 < number <= v.MAX_ID:
            raise ValueError(pk)
        return shelves(user).get(pk=number)
    except (KnowledgeCategory.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("No such category.")) from exc


def shelf_articles(user: Any, category: KnowledgeCategory, language: str) -> list[Article]:
    found = live_articles(user).filter(category=category).order_by("title", "pk")
    return one_per_article(list(found), language)


def latest_articles(user: Any, language: str, limit: int = 8) -> list[Article]:
    found = live_articles(user).order_by("-published_at", "-id")[: limit * 4]
    return one_per_article(list(found), language)[:limit]


def newest_articles(user: Any, filters: SearchFilters, *, include_unpublished: bool = False) -> QuerySet:
    """Browsing without a search: the articles `user` may read, newest first (drafts too on request)."""
    articles = visible_articles(user) if include_unpublished else live_articles(user)
    return apply_filters(articles.select_related("category"), filters).order_by("-updated_at", "-id")


def public_articles() -> QuerySet:
    """What search engines may list: live public articles, as an anonymous visitor reads them."""
    return live_articles(None).only("pk", "title", "updated_at").order_by("pk")[:SITEMAP_LIMIT]


def article_versions(user: Any, article: Article) -> QuerySet:
    """The versions of `article`, oldest first: for our staff and the article's writers, not readers."""
    if not (policy.is_staff(user) or may_edit(user, article)):
        raise Forbidden(_("Only the people who write this article may read its earlier versions."))
    return ArticleVersion.objects.filter(article=article).select_related("author").order_by("number")
