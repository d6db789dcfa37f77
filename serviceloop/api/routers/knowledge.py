"""Knowledge articles: search and read what you may read, write and review, versions, feedback."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Query, Router, Status

from serviceloop.knowledge.models import Article
from serviceloop.knowledge.services import (
    ArticleContent,
    SearchFilters,
    create_article,
    edit_article,
    get_visible_article,
    move,
    search_results,
)
from serviceloop.knowledge.services import feedback as votes
from serviceloop.knowledge.services.gaps import reader_search
from serviceloop.knowledge.services.reading import article_versions, get_live_article, newest_articles

from ..auth import actor
from ..errors import responses
from ..schemas.common import Id
from ..schemas.knowledge import (
    ArticleIn,
    ArticleOut,
    ArticlePatch,
    ArticleSearchPage,
    ArticleSearchQuery,
    FeedbackIn,
    FeedbackOut,
    TransitionIn,
    VersionPage,
)

router = Router(tags=["knowledge"])
_FILTERS = ("product_model_id", "module", "fault_type_id", "kind", "language")


def _article(request: HttpRequest, article_id: Id) -> Article:
    return get_visible_article(actor(request), article_id)


def _browse(user: Any, query: ArticleSearchQuery, filters: SearchFilters) -> list[Any]:
    """Without words: the newest articles, as hits without a snippet."""
    found = newest_articles(user, filters, include_unpublished=query.include_unpublished)
    rows = found[query.offset : query.offset + query.limit + 1]
    return [{"article": article, "rank": 0.0, "snippet": ""} for article in rows]


@router.get("/knowledge/articles", response=responses({200: ArticleSearchPage}))
def search_knowledge_articles(request: HttpRequest, query: Query[ArticleSearchQuery]):
    """Full-text search (Chinese and English) over the articles you may read, best first, with snippets.
    A search of published articles that finds nothing is counted as a content gap for the owners."""
    user = actor(request)
    filters = SearchFilters(**{name: getattr(query, name) for name in _FILTERS})
    words = query.q.strip()
    if not words:
        hits: list[Any] = _browse(user, query, filters)
    elif query.include_unpublished:
        hits = search_results(user, words, filters, limit=query.limit + 1, offset=query.offset,
                              include_unpublished=True)  # fmt: skip
    else:
        hits = reader_search(user, words, get_language() or "en", filters, limit=query.limit + 1,
                             offset=query.offset)  # fmt: skip
    more = len(hits) > query.limit
    return {"items": hits[: query.limit], "next_offset": query.offset + query.limit if more else None}


@router.get("/knowledge/articles/{article_id}", response=responses({200: ArticleOut}, 404))
def read_article(request: HttpRequest, article_id: Id):
    return _article(request, article_id)


@router.post("/knowledge/articles", response=responses({201: ArticleOut}, 400, 403, 404, 409))
def create_knowledge_article(request: HttpRequest, payload: ArticleIn):
    """A new draft; `translation_of` makes it a language version of an article you may read."""
    user = actor(request)
    values = payload.model_dump(exclude={"note", "translation_of"})
    original = _article(request, payload.translation_of) if payload.translation_of else None
    article = create_article(user, ArticleContent.of(**values), note=payload.note, translation_of=original)
    return Status(201, _article(request, article.pk))


@router.patch("/knowledge/articles/{article_id}", response=responses({200: ArticleOut}, 400, 403, 404, 409))
def update_knowledge_article(request: HttpRequest, article_id: Id, payload: ArticlePatch):
    """Change the fields sent; drafts by their writers, live articles by their reviewers."""
    user = actor(request)
    values = payload.model_dump(exclude_unset=True, exclude={"note"})
    edit_article(user, _article(request, article_id), ArticleContent.of(**values), note=payload.note)
    return _article(request, article_id)


@router.post(
    "/knowledge/articles/{article_id}/transitions", response=responses({200: ArticleOut}, 400, 403, 404, 409)
)
def transition_article(request: HttpRequest, article_id: Id, payload: TransitionIn):
    """One step of the review: submit, publish, reject (with a comment), reconfirm or archive."""
    move(actor(request), _article(request, article_id), payload.action, payload.comment)
    return _article(request, article_id)


@router.get("/knowledge/articles/{article_id}/versions", response=responses({200: VersionPage}, 403, 404))
def list_article_versions(request: HttpRequest, article_id: Id):
    """Every version, oldest first: for our staff and the article's writers."""
    return {"items": list(article_versions(actor(request), _article(request, article_id)))}


@router.post("/knowledge/articles/{article_id}/feedback", response=responses({200: FeedbackOut}, 400, 404))
def give_article_feedback(request: HttpRequest, article_id: Id, payload: FeedbackIn):
    """Your vote on a published article; voting again changes your vote."""
    user = actor(request)
    article = get_live_article(user, article_id)  # drafts take no votes
    vote = votes.give_feedback(user, article, payload.helpful, payload.comment)
    counts = votes.counts(article)
    return {"article_id": article.pk, "helpful": vote.helpful, "comment": vote.comment,
            "created_at": vote.created_at, "helpful_count": counts.helpful,
            "not_helpful_count": counts.not_helpful}  # fmt: skip
