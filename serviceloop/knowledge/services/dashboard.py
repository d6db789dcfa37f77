"""Read-only lists for the agents' console: browsing without a search term, and an owner's reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from serviceloop.core import policy
from serviceloop.core.roles import APPROVER_ROLES

from ..models import LIVE_STATUSES, Article, ArticleStatus
from .filters import SearchFilters
from .search import readable

# What waits for a reviewer: submitted articles, and live ones whose review date has come.
_WAITING = Q(status__in=(ArticleStatus.IN_REVIEW, ArticleStatus.DUE_FOR_REVIEW))
# The dashboard is a to-do list, not an archive: a longer one is cut here (and says so).
MAX_REVIEWS_SHOWN = 200


def browse_articles(
    user: Any, filters: SearchFilters | None = None, *, include_unpublished: bool = False
) -> QuerySet:
    """The articles `user` may read, newest change first, narrowed by `filters` (no search term)."""
    articles = readable(user, filters, include_unpublished=include_unpublished).select_related("category")
    return articles.defer("search_title", "search_symptom", "search_document")


@dataclass
class ReviewItem:
    article: Article
    overdue: bool


def reviews_waiting(
    user: Any, *, every_category: bool = False, today: date | None = None
) -> list[ReviewItem]:
    """Articles in review or due for review in the categories `user` owns (all categories for a manager
    who asks), and published ones whose review date has passed but the sweep has not yet flagged.
    Those past their review date come first, oldest date first, marked overdue."""
    if not policy.is_staff(user):
        return []
    today = today or timezone.localdate()
    articles = Article.objects.select_related("category", "author")
    if not (every_category and user.role in APPROVER_ROLES):
        articles = articles.filter(category__owner=user)
    late = Q(status__in=LIVE_STATUSES, review_due_on__lt=today)
    waiting = articles.filter(_WAITING | late).order_by("updated_at", "id")[:MAX_REVIEWS_SHOWN]
    items = [ReviewItem(article, _overdue(article, today)) for article in waiting]
    return sorted(items, key=lambda item: (not item.overdue, item.article.review_due_on or date.max))


def _overdue(article: Article, today: date) -> bool:
    """A live article past its review date: nobody confirmed it is still right."""
    return article.is_live and article.review_due_on is not None and article.review_due_on < today
