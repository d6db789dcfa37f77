"""The knowledge base in the console: search and browse, one article's page, and an owner's reviews."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from serviceloop.core import policy
from serviceloop.core.errors import NotFound, ServiceError
from serviceloop.core.roles import APPROVER_ROLES
from serviceloop.knowledge import events
from serviceloop.knowledge.models import Article
from serviceloop.knowledge.policy import can_write_articles
from serviceloop.knowledge.services import (
    MOVES,
    can,
    get_visible_article,
    language_versions,
    render_markdown,
    search_results,
)
from serviceloop.knowledge.services.attachments import article_attachments
from serviceloop.knowledge.services.dashboard import MAX_REVIEWS_SHOWN, browse_articles, reviews_waiting
from serviceloop.knowledge.services.snippets import snippet
from serviceloop.knowledge.services.writing import check_may_change

from ..access import console_view, is_htmx, staff_view
from ..errors import attach_service_error
from ..forms.knowledge import PAGE_SIZE, CompareForm, MoveForm, SearchForm
from .knowledge_gaps import gaps_context

ARTICLE_PAGE = "console/knowledge/article.html"
REVIEWS_PAGE = "console/knowledge/reviews.html"
_VERSIONS_SHOWN = 50
_EVENTS_SHOWN = 30
EVENT_LABELS = {
    events.ARTICLE_CREATED: _("written"),
    events.ARTICLE_EDITED: _("edited"),
    events.ARTICLE_RESTORED: _("restored an earlier version"),
    events.ARTICLE_SUBMITTED: _("submitted for review"),
    events.ARTICLE_PUBLISHED: _("published"),
    events.ARTICLE_REJECTED: _("sent back to draft"),
    events.ARTICLE_DUE_FOR_REVIEW: _("became due for review"),
    events.ARTICLE_RECONFIRMED: _("confirmed as still right"),
    events.ARTICLE_ARCHIVED: _("archived"),
    events.ARTICLE_FROM_TICKET: _("drafted from a resolved ticket"),
}


def load_article(request: HttpRequest, pk: Any) -> Article:
    """The article if the user may read it; 404 otherwise (never 403, so its existence stays hidden)."""
    try:
        return get_visible_article(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _rows(request: HttpRequest, form: SearchForm) -> tuple[list[tuple[Article, SafeString]], bool]:
    """One page of (article, snippet HTML), plus whether another page follows."""
    # Staff read every draft; a partner's scope holds only its own company's, so it may ask too.
    include = form.include_unpublished
    start = (form.page_number - 1) * PAGE_SIZE
    try:
        if form.query:
            hits = search_results(request.user, form.query, form.filters(), limit=PAGE_SIZE + 1,
                                  offset=start, include_unpublished=include)  # fmt: skip
            rows = [(hit.article, hit.snippet) for hit in hits]
        else:
            found = browse_articles(request.user, form.filters(), include_unpublished=include)
            rows = [(article, snippet(article, [])) for article in found[start : start + PAGE_SIZE + 1]]
    except ServiceError as exc:
        attach_service_error(form, exc)
        return [], False
    # One query for the rows' categories, not one per row.
    prefetch_related_objects([article for article, _text in rows], "category")
    # The snippets come escaped from the search service, with only <mark> added.
    page = [(article, mark_safe(text)) for article, text in rows]
    return page[:PAGE_SIZE], len(page) > PAGE_SIZE


@console_view
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    form.is_valid()
    rows, has_next = _rows(request, form)
    context = {
        "form": form, "rows": rows, "page": form.page_number, "has_next": has_next,
        "may_include_unpublished": can_write_articles(request.user) or policy.is_staff(request.user),
        "nav": "knowledge", "tab": "search",
    }  # fmt: skip
    if is_htmx(request) and request.htmx.target == "kb-results":  # type: ignore[attr-defined]
        # htmx swaps only 2xx answers, so a bad filter comes back as a 200 fragment naming the error.
        response = render(request, "console/knowledge/_results.html", context)
    else:
        response = render(
            request, "console/knowledge/search.html", context, status=422 if form.errors else 200
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _may_change(user: Any, article: Article) -> bool:
    try:
        check_may_change(user, article)
    except ServiceError:
        return False
    return True


def _rendered(article: Article) -> dict[str, Any]:
    # render_markdown sanitises (no scripts, handlers or javascript: links), so the HTML is safe.
    fields = ("symptom", "cause", "fix_steps", "body")
    return {name: mark_safe(render_markdown(getattr(article, name))) for name in fields}


def article_context(request: HttpRequest, article: Article, **forms_: forms.Form) -> dict[str, Any]:
    user = request.user
    versions = list(article.versions.select_related("author").order_by("-number")[:_VERSIONS_SHOWN])
    history = list(article.events.select_related("actor").order_by("-at", "-id")[:_EVENTS_SHOWN])
    return {
        "article": article,
        "rendered": _rendered(article),
        "files": list(article_attachments(article)),  # removed files are not shown
        "models": list(article.product_models.all()),
        "siblings": list(language_versions(user, article).order_by("language")),
        "moves": [(name, step.label) for name, step in MOVES.items() if can(user, article, name)],
        "may_change": _may_change(user, article),
        "may_write": can_write_articles(user),
        "versions": versions,
        "history": [(event, EVENT_LABELS.get(event.name, event.name)) for event in history],
        "move_form": forms_.get("move_form") or MoveForm(),
        "restore_form": forms_.get("restore_form"),
        "compare_form": forms_.get("compare_form") or CompareForm(initial=_compare_initial(versions)),
        "nav": "knowledge",
    }


def _compare_initial(versions: list[Any]) -> dict[str, int]:
    if len(versions) < 2:
        return {}
    return {"old": versions[1].number, "new": versions[0].number}


def article_page(
    request: HttpRequest, article: Article, status: int = 200, **forms_: forms.Form
) -> HttpResponse:
    return render(request, ARTICLE_PAGE, article_context(request, article, **forms_), status=status)


@console_view
@require_GET
def article(request: HttpRequest, pk: int) -> HttpResponse:
    return article_page(request, load_article(request, pk))


def reviews_context(request: HttpRequest, **gaps_extra: Any) -> dict[str, Any]:
    """The owner's dashboard: reviews waiting, and the content gaps for those who close them
    (`gaps_extra` carries a refused closing's form back to its row)."""
    managers = getattr(request.user, "role", "") in APPROVER_ROLES
    every = request.GET.get("all") == "1" and managers
    items = reviews_waiting(request.user, every_category=every)
    context = {
        "items": items, "every": every, "may_see_all": managers,
        "overdue": sum(1 for item in items if item.overdue), "cut": len(items) >= MAX_REVIEWS_SHOWN,
        "nav": "knowledge", "tab": "reviews",
    }  # fmt: skip
    context.update(gaps_context(request.user, **gaps_extra))
    return context


@staff_view
@require_GET
def reviews(request: HttpRequest) -> HttpResponse:
    return render(request, REVIEWS_PAGE, reviews_context(request))
