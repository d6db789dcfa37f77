"""What a help-centre visitor does besides reading: vote on an article, say it solved the problem,
see matching articles while writing a request; and the sitemap search engines read."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from serviceloop.core.errors import NotFound, ServiceError
from serviceloop.knowledge.models import Article
from serviceloop.knowledge.services import feedback as votes
from serviceloop.knowledge.services import reading, search_results

from .help import article_context, article_url, language, not_found, search_text

SUGGESTIONS = 5


def _session_key(request: HttpRequest) -> str | None:
    """The visitor's session, started now if it was not: an anonymous vote counts once per session."""
    if request.user.is_authenticated:
        return None
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def _back(article: Article, request: HttpRequest) -> HttpResponse:
    """Back to the article, keeping what the visitor searched (for "Still need help?")."""
    q = search_text(request.POST.get("q"))
    return redirect(article_url(article) + (f"?{urlencode({'q': q})}" if q else ""))


@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        article = reading.get_live_article(request.user, pk)
    except NotFound:
        return not_found(request)
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        context = article_context(request, article)
        context["feedback_error"] = _("Choose whether the article helped you.")
        return render(request, "portal/help/article.html", context, status=400)
    try:
        votes.give_feedback(request.user, article, answer == "yes", request.POST.get("comment", ""),
                            session_key=_session_key(request))  # fmt: skip
    except ServiceError as exc:
        context = article_context(request, article)
        context["feedback_error"] = exc.message
        return render(request, "portal/help/article.html", context, status=exc.status)
    messages.success(request, _("Thank you for your feedback."))
    return _back(article, request)


@require_POST
def solved(request: HttpRequest, pk: int) -> HttpResponse:
    """“This solved my problem”: counted as a problem solved without a ticket."""
    try:
        article = reading.get_live_article(request.user, pk)
    except NotFound:
        return not_found(request)
    votes.record_deflection(
        request.user, article, search_text(request.POST.get("q")), session_key=_session_key(request)
    )
    messages.success(request, _("We are glad the article solved your problem."))
    return _back(article, request)


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """Articles matching what a customer is typing into a new request (an htmx fragment)."""
    q = search_text(request.GET.get("subject"))
    hits = search_results(request.user, q, limit=SUGGESTIONS * 2) if q else []
    shown = reading.one_per_article(hits, language(request), lambda hit: hit.article)[:SUGGESTIONS]
    return render(request, "portal/help/_suggestions.html", {
        "q": q, "hits": [(hit, article_url(hit.article)) for hit in shown],
    })  # fmt: skip


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """Public published articles for search engines (what an anonymous visitor may read)."""
    urls = [(request.build_absolute_uri(article_url(a)), a.updated_at) for a in reading.public_articles()]
    return render(request, "portal/help/sitemap.xml", {
        "home": request.build_absolute_uri("/help/"), "urls": urls,
    }, content_type="application/xml; charset=utf-8")  # fmt: skip
