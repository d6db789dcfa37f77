"""Content gaps: what readers searched for and did not find, counted, for the category owners."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput, NotFound

from ..models import Article, GapStatus, SearchMiss
from ..policy import can_write_articles
from .filters import SearchFilters
from .hybrid import search_results
from .search import SearchHit

MAX_QUERY = 200
# The owners' dashboard is a to-do list: the most searched gaps, cut here (and it says so).
GAPS_SHOWN = 50
_ARTICLE_REF = re.compile(r"^\s*#?\s*([0-9]{1,18})\s*$")


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
        # Found nothing again: a closed gap opens again, its count carrying on.
        if SearchMiss.objects.filter(query=text, language=language).update(
            count=F("count") + 1, last_seen=now, status=GapStatus.OPEN
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


def may_close_gaps(user: Any) -> bool:
    """Content gaps are our writers' to-do list: staff who write articles (not quality inspectors),
    never customers nor partners, whose searches they partly are."""
    return policy.is_staff(user) and can_write_articles(user)


@dataclass
class OpenGaps:
    gaps: list[SearchMiss]
    cut: bool  # more open gaps than shown


def open_gaps(user: Any, limit: int = GAPS_SHOWN) -> OpenGaps:
    """The most searched open gaps for `user`'s dashboard (none for those who may not close them).
    One query however many rows: the last closing's article comes along."""
    if not may_close_gaps(user):
        return OpenGaps([], False)
    rows = SearchMiss.objects.filter(status=GapStatus.OPEN).select_related("article")
    found = list(rows.order_by("-count", "-last_seen", "id")[: limit + 1])
    return OpenGaps(found[:limit], len(found) > limit)


def _open_gap(actor: Any, gap_id: Any) -> SearchMiss:
    if not may_close_gaps(actor):
        raise Forbidden(_("Only staff who write articles close content gaps."))
    gap = SearchMiss.objects.select_for_update().filter(pk=gap_id).first()
    if gap is None:
        raise NotFound(_("No content gap %(ref)s.") % {"ref": gap_id})
    if gap.status != GapStatus.OPEN:
        raise Conflict(_("This content gap was already closed."))
    return gap


def _answering_article(reference: Any) -> Article:
    """The article named by its number (as in its address), with or without a leading #."""
    match = _ARTICLE_REF.match(str(reference or ""))
    if not match:
        raise InvalidInput(_("Give the number of the article that answers this search."), field="article")
    article = Article.objects.filter(pk=int(match.group(1))).first()
    if article is None:
        raise InvalidInput(_("No article %(ref)s.") % {"ref": match.group(1)}, field="article")
    return article


@transaction.atomic
def answer_gap(actor: Any, gap_id: Any, article_ref: Any) -> SearchMiss:
    """`actor` closes the gap: the article numbered `article_ref` answers it."""
    gap = _open_gap(actor, gap_id)
    return _close(gap, actor, GapStatus.ANSWERED, _answering_article(article_ref))


@transaction.atomic
def dismiss_gap(actor: Any, gap_id: Any) -> SearchMiss:
    """`actor` closes the gap as not worth an article."""
    return _close(_open_gap(actor, gap_id), actor, GapStatus.DISMISSED, None)


def _close(gap: SearchMiss, actor: Any, status: str, article: Article | None) -> SearchMiss:
    gap.status, gap.closed_at, gap.closed_by, gap.article = status, timezone.now(), actor, article
    gap.save(update_fields=["status", "closed_at", "closed_by", "article"])
    return gap
