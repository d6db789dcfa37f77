"""Beside a ticket: the articles that answer it and solved tickets like it (loaded after the page, so
the page does not wait for the search), and the note that an article was put into a reply."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from serviceloop.core.errors import NotFound, ServiceError
from serviceloop.knowledge.models import Article
from serviceloop.knowledge.services import get_visible_article
from serviceloop.knowledge.services.contributions import record_use
from serviceloop.knowledge.services.suggestions import (
    ArticleSuggestion,
    reply_steps,
    similar_solved_tickets,
    suggest_for_ticket,
)

from ..access import console_view, load_ticket

PANEL = "console/ticket/_suggestions.html"


def _absolute(path: str) -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/") + path


def article_link(suggestion: ArticleSuggestion) -> str:
    """Where a reader opens the article: the help centre when customers may read it (its clean
    address, /help/articles/<id>-<words>/), the console otherwise (then only our staff and partners can)."""
    article = suggestion.article
    if not suggestion.customer_visible:
        return _absolute(reverse("console:knowledge_article", args=[article.pk]))
    words = slugify(article.title, allow_unicode=True)[:80].strip("-")
    if not words:
        return _absolute(reverse("help:article_by_id", args=[article.pk]))
    return _absolute(reverse("help:article", args=[article.pk, words]))


@console_view
@require_GET
def suggestions(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    rows = [
        {
            "suggestion": s,
            "link": article_link(s),
            "steps": reply_steps(s.article),
            # Escaped by the knowledge base's snippets, which add only <mark> around the key terms.
            "snippet": mark_safe(s.snippet),
        }
        for s in suggest_for_ticket(request.user, ticket)
    ]
    context = {
        "ticket": ticket,
        "articles": rows,
        "similar": similar_solved_tickets(request.user, ticket),
    }
    return render(request, PANEL, context)


def _article(request: HttpRequest) -> Article:
    try:
        return get_visible_article(request.user, request.POST.get("article", ""))
    except NotFound as exc:
        raise Http404(exc.message) from exc


@console_view
@require_POST
def post_article_used(request: HttpRequest, number: str) -> HttpResponse:
    """An article was inserted into a reply on this ticket: 204 once noted (once per ticket and
    article, however often it is inserted), 404 when the ticket or the article is not the user's to see."""
    ticket = load_ticket(request, number)
    article = _article(request)
    try:
        record_use(request.user, article, ticket)
    except ServiceError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    return HttpResponse(status=204)
