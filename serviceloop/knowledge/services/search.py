"""Finding articles: full text over the segmented search columns, ranked, filtered, with snippets.

The query is cut into terms by core.search like the articles were; every term must match. A term
that mixes letters and digits ("hx2000") also matches the phrase of its parts ("HX 2000"), and the
articles are indexed with those parts too, so model numbers are found however they are written.
English words are searched by their stems (see stemming.py), which the articles are indexed with.
SQLite answers from FTS5 and ranks with bm25 weighing title > symptom > the rest; PostgreSQL
answers from the weighted tsvector (A/B/C) and ranks with ts_rank: the same terms, the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from serviceloop.core.search import query_terms

from ..models import LIVE_STATUSES, Article
from .filters import SearchFilters, apply_filters
from .indexing import alnum_parts
from .snippets import snippet
from .stemming import stem
from .visibility import visible_articles

# bm25 column weights: search_title, search_symptom, search_document.
_SQLITE_RANK = "bm25(knowledge_article_fts, 10.0, 4.0, 1.0)"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def term_groups(query: str) -> list[list[str]]:
    """The query's terms, each with the spellings that stand for it: ["hx2000", "hx 2000"]."""
    groups = []
    for term in query_terms(query):
        if not any(ch.isalnum() for ch in term):
            continue
        parts = alnum_parts(term)
        groups.append([term, " ".join(parts)] if parts else [stem(term)])
    return groups


def _fts5_phrase(text: str) -> str:
    # Words inside one quoted string are a phrase: they must stand side by side.
    return '"' + text.replace('"', '""') + '"'


def _fts5_match(groups: list[list[str]]) -> str:
    return " AND ".join("(" + " OR ".join(_fts5_phrase(alt) for alt in group) + ")" for group in groups)


def _tsquery(groups: list[list[str]]) -> tuple[str, list[str]]:
    pieces, params = [], []
    for group in groups:
        pieces.append("(" + " || ".join("phraseto_tsquery('simple', %s)" for _ in group) + ")")
        params.extend(group)
    return " && ".join(pieces), params


def matching(articles: QuerySet, query: str) -> QuerySet:
    """`articles` holding every term of `query`, unordered and unranked: cheap to count or to cut."""
    groups = term_groups(query)
    if not groups:
        return articles.none()
    if connection.vendor == "postgresql":
        tsquery, params = _tsquery(groups)
        matches = RawSQL(
            f"knowledge_article.search_vector @@ ({tsquery})", params, output_field=BooleanField()
        )
        return articles.filter(matches)
    # A join with the FTS5 table, not a subquery per row: FTS5 then walks its matches once (and
    # computes bm25 for each when ranked), instead of evaluating the whole query again for every
    # article. QuerySet.extra is the only way Django joins a virtual table; the query is a bound parameter.
    return articles.extra(
        tables=["knowledge_article_fts"],
        where=["knowledge_article_fts.rowid = knowledge_article.id", "knowledge_article_fts MATCH %s"],
        params=[_fts5_match(groups)],
    )


def ranked(articles: QuerySet, query: str) -> QuerySet:
    """`articles` holding every term of `query`, best first, annotated with `rank` (higher is better).

    Every match is ranked before the first is known: callers that may meet a common word and need
    only a few bound the articles first (as suggestions do)."""
    groups = term_groups(query)
    if not groups:
        return articles.none()
    found = matching(articles, query)
    if connection.vendor == "postgresql":
        tsquery, params = _tsquery(groups)
        rank = RawSQL(
            f"ts_rank(knowledge_article.search_vector, ({tsquery}))", params, output_field=FloatField()
        )
        return found.annotate(rank=rank).order_by("-rank", "-id")
    return found.extra(select={"rank": f"-{_SQLITE_RANK}"}).order_by("-rank", "-id")


@dataclass
class SearchHit:
    article: Article
    rank: float
    snippet: str


def search_articles(
    user: Any, query: str, filters: SearchFilters | None = None, *, include_unpublished: bool = False
) -> QuerySet:
    """The articles `user` may read that match `query` and `filters`, best first.

    Readers are shown live articles only; staff may ask for drafts and reviews too (`include_unpublished`)."""
    return ranked(readable(user, filters, include_unpublished=include_unpublished), query)


def readable(
    user: Any, filters: SearchFilters | None = None, *, include_unpublished: bool = False
) -> QuerySet:
    """The articles a search by `user` may return, whatever the query."""
    articles = visible_articles(user)
    if not include_unpublished:
        articles = articles.filter(status__in=LIVE_STATUSES)
    return apply_filters(articles, filters or SearchFilters())


def fulltext_results(user: Any, query: str, filters: SearchFilters | None = None, *,
                     limit: Any = DEFAULT_LIMIT, offset: int = 0,
                     include_unpublished: bool = False) -> list[SearchHit]:  # fmt: skip
    """One page of hits by words alone, each with a snippet where the query's words are marked (the
    search readers use, words and meaning together, is hybrid.search_results)."""
    limit = max(1, min(int(limit or DEFAULT_LIMIT), MAX_LIMIT))
    offset = max(0, int(offset or 0))
    found = search_articles(user, query, filters, include_unpublished=include_unpublished)
    terms = [alt for group in term_groups(query) for alt in group]
    return [
        SearchHit(article=article, rank=article.rank, snippet=snippet(article, terms))
        for article in found[offset : offset + limit]
    ]
