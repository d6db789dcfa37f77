"""Writing knowledge articles in the console: a new one (or a language version), an edit, the preview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from serviceloop.core.errors import Conflict, Forbidden, NotFound, ServiceError
from serviceloop.knowledge.models import Article
from serviceloop.knowledge.policy import can_write_articles
from serviceloop.knowledge.services import create_article, edit_article, get_visible_article, render_markdown
from serviceloop.knowledge.services.attachments import article_attachments
from serviceloop.knowledge.services.writing import check_may_change, only_files_changed_since

from ..access import console_view, is_htmx
from ..errors import attach_service_error
from ..forms.knowledge import ArticleForm, PreviewForm
from .knowledge import load_article

FORM_PAGE = "console/knowledge/form.html"
_PREVIEWED = (
    ("symptom", gettext_lazy("Symptom")),
    ("cause", gettext_lazy("Cause")),
    ("fix_steps", gettext_lazy("Fix steps")),
    ("body", gettext_lazy("Text")),
)
_ALIASES = {"product_model_ids": "product_models", "supplier_id": "supplier", "category_id": "category"}


def _form_page(request: HttpRequest, form: ArticleForm, status: int = 200, **extra: Any) -> HttpResponse:
    files = list(article_attachments(form.article)) if form.article else []  # removed ones not shown
    context = {"form": form, "article": form.article, "files": files, "nav": "knowledge", "tab": "new"}
    context.update(extra)
    return render(request, FORM_PAGE, context, status=status)


def _new_form(request: HttpRequest) -> tuple[ArticleForm, Article | None]:
    """An empty form; `?translation_of=` starts a language version filed like the original."""
    source = None
    try:
        source = get_visible_article(request.user, request.GET["translation_of"])
    except (KeyError, NotFound):
        return ArticleForm(user=request.user), None
    initial = {
        "translation_of": source.pk, "kind": source.kind, "category": source.category_id,
        "product_models": list(source.product_models.all()), "module": source.module,
        "fault_type": source.fault_type_id, "tags": ", ".join(source.tags), "language": "",
        "visibility": source.visibility, "supplier": source.supplier_id,
    }  # fmt: skip
    return ArticleForm(user=request.user, initial=initial), source


def _translated(request: HttpRequest, form: ArticleForm) -> Article | None:
    number = form.cleaned_data.get("translation_of")
    return get_visible_article(request.user, number) if number else None


@console_view
@require_http_methods(["GET", "POST"])
def new_article(request: HttpRequest) -> HttpResponse:
    if not can_write_articles(request.user):
        return render(request, "console/denied.html", status=403)
    if request.method == "GET":
        form, source = _new_form(request)
        return _form_page(request, form, source=source)
    form = ArticleForm(request.POST, user=request.user)
    if not form.is_valid():
        return _form_page(request, form, status=422)
    try:
        source = _translated(request, form)
        article = create_article(
            request.user, form.content(), note=form.cleaned_data["note"], translation_of=source
        )
    except NotFound as exc:
        form.add_error("translation_of", exc.message)
        return _form_page(request, form, status=422)
    except ServiceError as exc:
        attach_service_error(form, exc, _ALIASES)
        return _form_page(request, form, status=exc.status)
    messages.success(request, _("The draft is saved."))
    return redirect("console:knowledge_article", pk=article.pk)


@console_view
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = load_article(request, pk)
    try:
        check_may_change(request.user, article)
    except Forbidden:
        return render(request, "console/denied.html", status=403)
    except Conflict as exc:
        messages.warning(request, exc.message)
        return redirect("console:knowledge_article", pk=article.pk)
    if request.method == "GET":
        return _form_page(request, ArticleForm(user=request.user, article=article), tab="")
    form = ArticleForm(request.POST, user=request.user, article=article)
    if not form.is_valid():
        return _form_page(request, form, status=422, tab="")
    started = form.cleaned_data["version"]
    if started != article.version and not only_files_changed_since(article, started):
        # Saving over a newer version would silently undo someone's change; files added or removed
        # meanwhile (by this very editor, too) are versions that change no text.
        form.add_error(None, _("Someone else changed this article meanwhile; reload it and try again."))
        return _form_page(request, form, status=409, tab="")
    try:
        saved = edit_article(request.user, article, form.content(), note=form.cleaned_data["note"])
    except ServiceError as exc:
        attach_service_error(form, exc, _ALIASES)
        return _form_page(request, form, status=exc.status, tab="")
    if saved is article:  # edit_article hands back the same article when nothing changed
        messages.info(request, _("Nothing was changed."))
    else:
        messages.success(request, _("Saved as version %(number)s.") % {"number": saved.version})
    return redirect("console:knowledge_article", pk=article.pk)


@console_view
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The Markdown fields as readers will see them, sanitised by the same function as the article page."""
    form = PreviewForm(request.POST)
    if not form.is_valid():
        # htmx swaps only 2xx answers: the fragment names the error in place of the preview.
        status = 200 if is_htmx(request) else 422
        return render(request, "console/knowledge/_preview.html", {"errors": form.errors}, status=status)
    # render_markdown sanitises like the article page does, so the HTML is safe to show.
    sections = [
        (label, mark_safe(render_markdown(form.cleaned_data[name])))
        for name, label in _PREVIEWED
        if form.cleaned_data[name].strip()
    ]
    return render(request, "console/knowledge/_preview.html", {"sections": sections})
