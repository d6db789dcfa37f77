"""Content gaps: what readers searched for and did not find, counted, for the category owners."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from ..models import SearchMiss
from .filters import SearchFilters
from .hybrid import search_results
from .search import SearchHit

MAX_QUERY = 200


def normalise(query: Any) -> str:
    """One spelling per search: compatible forms folded (full-width letters), case and spaces ignored."""
    if not isinstance(query, str):
        return ""
    text = unicodedata.normalize("NFKC", query.replace("\x00", "")).casefold()
    return " ".join(text.split())[:MAX_QUERY].strip()


def record_miss(query: Any, language: str) -> SearchMiss | None:
    """Count one more search for `query` that found nothing (nothing is recorded for an empty query)."""
    text = normalise(query)
    if not text:
        return None
    language = (language or "").lower()[:16]
    now = timezone.now()
    for _attempt in range(2):
        if SearchMiss.objects.filter(query=text, language=language).update(
            count=F("count") + 1, last_seen=now
        ):
            return SearchMiss.objects.get(query=text, language=language)
        try:
            with transaction.atomic():
                return SearchMiss.objects.create(query=text, language=language, first_seen=now, last_seen=now)
        except IntegrityError:
            continue  # someone else recorded it first: count on theirs
    return None


def reader_search(user: Any, query: str, language: str, filters: SearchFilters | None = None, *,
                  limit: Any = 20, offset: int = 0) -> list[SearchHit]:  # fmt: skip
    """A reader's search (portal or API): its hits, and a content gap recorded when the first page is empty.

    Narrowed searches are not gaps: the article may exist for another model or language."""
    hits = search_results(user, query, filters, limit=limit, offset=offset)
    narrowed = filters is not None and any(
        value not in (None, "") for value in (filters.product_model_id, filters.module,
                                              filters.fault_type_id, filters.kind)
    )  # fmt: skip
    if not hits and not offset and not narrowed:
        record_miss(query, language)
    return hits


def content_gaps() -> QuerySet:
    """Searches that found nothing, most searched first."""
    return SearchMiss.objects.order_by("-count", "-last_seen")
