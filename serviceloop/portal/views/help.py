"""The public help centre: search, shelves by product, article pages. Open to everyone, signed in or
not; each visitor sees exactly the articles the knowledge base's visibility rule gives them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from serviceloop.core.errors import NotFound
from serviceloop.knowledge.models import Article, KnowledgeCategory
from serviceloop.knowledge.services import feedback as votes
from serviceloop.knowledge.services import plain_text, reading, render_markdown
from serviceloop.knowledge.services.attachments import article_attachments
from serviceloop.knowledge.services.gaps import reader_search

PAGE_SIZE = 10
MAX_PAGE = 50
MAX_QUERY = 200
DESCRIPTION_LENGTH = 160


def language(request: HttpRequest) -> str:
    return get_language() or "en"


def search_text(value: Any) -> str:
    """What the visitor searched, cut to a sensible length (NUL removed: no database stores it)."""
    return " ".join(str(value or "").replace("\x00", "").split())[:MAX_QUERY]


def slug(text: str) -> str:
    return slugify(text, allow_unicode=True)[:80].strip("-")


def article_url(article: Article) -> str:
    words = slug(article.title)
    if not words:
        return reverse("help:article_by_id", args=[article.pk])
    return reverse("help:article", args=[article.pk, words])


def category_url(category: KnowledgeCategory) -> str:
    words = slug(category.name)
    if not words:
        return reverse("help:category_by_id", args=[category.pk])
    return reverse("help:category", args=[category.pk, words])


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/help/not_found.html", status=404)


def description(article: Article) -> str:
    text = " ".join((article.symptom or plain_text(article.body) or article.title).split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rstrip() + "…"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(request, "portal/help/home.html", {
        "shelves": [(shelf, category_url(shelf)) for shelf in reading.shelves(user)],
        "latest": [(a, article_url(a)) for a in reading.latest_articles(user, language(request))],
        "canonical": request.build_absolute_uri(reverse("help:home")),
    })  # fmt: skip


def _page_number(value: Any) -> int:
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search results with snippets; a search that finds nothing is counted as a content gap."""
    q = search_text(request.GET.get("q"))
    page = _page_number(request.GET.get("page"))
    hits: list[Any] = []
    more = False
    if q:
        # One more than a page tells whether there is a next page.
        found = reader_search(
            request.user, q, language(request), limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
        )
        more = len(found) > PAGE_SIZE and page < MAX_PAGE
        shown = reading.one_per_article(found[:PAGE_SIZE], language(request), lambda hit: hit.article)
        hits = [(hit, article_url(hit.article)) for hit in shown]
    return render(request, "portal/help/search.html", {
        "q": q, "hits": hits, "page": page, "more": more,
    })  # fmt: skip


@require_GET
def category(request: HttpRequest, pk: int, words: str = "") -> HttpResponse:
    try:
        shelf = reading.get_shelf(request.user, pk)
    except NotFound:
        return not_found(request)
    url = category_url(shelf)
    if words != slug(shelf.name):  # an old or mistyped name: send the visitor to the one address
        return redirect(url, permanent=True)
    articles = reading.shelf_articles(request.user, shelf, language(request))
    return render(request, "portal/help/category.html", {
        "category": shelf,
        "articles": [(a, article_url(a)) for a in articles],
        "canonical": request.build_absolute_uri(url),
    })  # fmt: skip


def article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    user, lang = request.user, language(request)
    versions = reading.live_language_versions(user, article)
    own_language = reading.in_reader_language(user, article, lang)
    return {
        "article": article,
        "body_html": render_markdown(article.body),
        "fix_steps_html": render_markdown(article.fix_steps),
        "files": list(article_attachments(article)),  # removed files are not shown
        "description": description(article),
        "canonical": request.build_absolute_uri(article_url(article)),
        "alternates": [(v, request.build_absolute_uri(article_url(v))) for v in versions]
        if len(versions) > 1 else [],
        "other_versions": [(v, article_url(v)) for v in versions if v.pk != article.pk],
        "own_language": (own_language, article_url(own_language)) if own_language else None,
        "related": [(a, article_url(a)) for a in reading.related_articles(user, article, lang)],
        "counts": votes.counts(article),
        "vote": votes.own_vote(user, article, request.session.session_key),
        "q": search_text(request.GET.get("q") or request.POST.get("q")),
        "url": article_url(article),
    }  # fmt: skip


@require_GET
def article(request: HttpRequest, pk: int, words: str = "") -> HttpResponse:
    try:
        found = reading.get_live_article(request.user, pk)
    except NotFound:
        return not_found(request)
    url = article_url(found)
    if words != slug(found.title):  # an old or mistyped title: send the visitor to the one address
        query = request.GET.urlencode()
        return redirect(url + (f"?{query}" if query else ""), permanent=True)
    return render(request, "portal/help/article.html", article_context(request, found))
