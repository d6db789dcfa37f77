"""An article's workflow buttons, the comparison of two versions, and restoring an earlier version."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from serviceloop.core.errors import NotFound, ServiceError
from serviceloop.knowledge.services import compare as compare_versions
from serviceloop.knowledge.services import move, restore_version

from ..access import console_view
from ..errors import attach_service_error
from ..forms.knowledge import CompareForm, MoveForm, RestoreForm
from .knowledge import article_page, load_article


@console_view
@require_POST
def post_move(request: HttpRequest, pk: int) -> HttpResponse:
    article = load_article(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return article_page(request, article, status=422, move_form=form)
    try:
        move(request.user, article, form.cleaned_data["action"], form.cleaned_data["comment"])
    except ServiceError as exc:
        attach_service_error(form, exc, {"action": "__all__"})
        return article_page(request, article, status=exc.status, move_form=form)
    messages.success(request, _("The article is now %(status)s.") % {"status": article.get_status_display()})
    return redirect("console:knowledge_article", pk=article.pk)


@console_view
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    article = load_article(request, pk)
    form = CompareForm(request.GET)
    if not form.is_valid():
        return article_page(request, article, status=422, compare_form=form)
    old, new = form.cleaned_data["old"], form.cleaned_data["new"]
    try:
        unified, table = compare_versions(article, old, new)
    except NotFound as exc:
        attach_service_error(form, exc, {"number": "__all__"})
        return article_page(request, article, status=exc.status, compare_form=form)
    context = {
        "article": article, "old": old, "new": new, "same": not unified,
        # HtmlDiff escapes the compared text itself and the service escapes the column headings.
        "table": mark_safe(table),
        "form": form, "nav": "knowledge",
    }  # fmt: skip
    return render(request, "console/knowledge/compare.html", context)


@console_view
@require_POST
def post_restore(request: HttpRequest, pk: int) -> HttpResponse:
    article = load_article(request, pk)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        return article_page(request, article, status=422, restore_form=form)
    try:
        restored = restore_version(
            request.user, article, form.cleaned_data["number"], note=form.cleaned_data["note"]
        )
    except ServiceError as exc:
        attach_service_error(form, exc, {"number": "__all__"})
        return article_page(request, article, status=exc.status, restore_form=form)
    messages.success(
        request,
        _("Version %(old)s is restored as version %(new)s.")
        % {"old": form.cleaned_data["number"], "new": restored.version},
    )
    return redirect("console:knowledge_article", pk=article.pk)
