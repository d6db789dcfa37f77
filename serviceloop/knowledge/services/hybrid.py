"""Full text and meaning together: the two rankings merged by reciprocal rank fusion.

Full text finds the words (model numbers, alarm codes, the exact Chinese term); the embedding finds
the same question asked in other words or another language. Each article scores 1 / (K + rank) in
each ranking it appears in, and the sums are ranked: an article high in both comes first, one found
by only one ranking still shows. Visibility and filters hold for both, as they are applied to the
same readable articles.
"""

from __future__ import annotations

from typing import Any

from ..models import Article
from .filters import SearchFilters
from .search import DEFAULT_LIMIT, MAX_LIMIT, SearchHit, ranked, readable, term_groups
from .semantic import nearest
from .snippets import snippet

# The usual constant of reciprocal rank fusion: ranks beyond the first few matter less and less.
_K = 60
# How deep each ranking is read before merging; pages past this are not offered.
DEPTH = 200


def fused_ids(user: Any, query: str, filters: SearchFilters | None = None, *,
              include_unpublished: bool = False) -> list[tuple[int, float]]:  # fmt: skip
    """Ids of the readable articles matching `query` by words or by meaning, best first, with scores."""
    articles = readable(user, filters, include_unpublished=include_unpublished)
    by_words: list[int] = []
    if term_groups(query):
        by_words = list(ranked(articles, query).values_list("pk", flat=True)[:DEPTH])
    close = nearest(query, limit=DEPTH)
    close_ids = [pk for pk, _ in close]
    allowed = set(articles.filter(pk__in=close_ids).order_by().values_list("pk", flat=True))
    by_meaning = [pk for pk, _ in close if pk in allowed]
    scores: dict[int, float] = {}
    for ranking in (by_words, by_meaning):
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (_K + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], -item[0]))


def search_results(user: Any, query: str, filters: SearchFilters | None = None, *, limit: Any = DEFAULT_LIMIT,
                   offset: int = 0, include_unpublished: bool = False) -> list[SearchHit]:  # fmt: skip
    """One page of hits by words and meaning, each with a snippet where the query's words are marked."""
    limit = max(1, min(int(limit or DEFAULT_LIMIT), MAX_LIMIT))
    offset = max(0, int(offset or 0))
    page = fused_ids(user, query, filters, include_unpublished=include_unpublished)[offset : offset + limit]
    articles = Article.objects.in_bulk([pk for pk, _ in page])
    terms = [alt for group in term_groups(query) for alt in group]
    return [SearchHit(article=articles[pk], rank=score, snippet=snippet(articles[pk], terms))
            for pk, score in page if pk in articles]  # fmt: skip
