"""Files of an article in the console editor: upload (a form, or a pasted image sent by kb_editor.js)
and removal. Downloads go through the help centre's address, which checks who may read the article,
so an image in the text shows for every reader of the article, signed in or not."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from serviceloop.core.errors import InvalidInput, ServiceError
from serviceloop.knowledge.models import ArticleAttachment
from serviceloop.knowledge.services.attachments import delete_attachment, upload_attachment
from serviceloop.tickets.services.conversation import Upload

from ..access import console_view
from .knowledge import load_article


def file_url(item: ArticleAttachment) -> str:
    return reverse("help:file", args=[item.article_id, item.pk])


def markdown_for(item: ArticleAttachment) -> str:
    """What "insert into text" puts in the Markdown: an image for images, a link for other files."""
    label = item.original_name.replace("[", "(").replace("]", ")")
    return f"{'!' if item.is_image else ''}[{label}]({file_url(item)})"


def described(item: ArticleAttachment) -> dict[str, Any]:
    return {
        "id": item.pk, "name": item.original_name, "kind": item.kind, "size": item.size,
        "content_type": item.content_type, "url": file_url(item), "markdown": markdown_for(item),
    }  # fmt: skip


def _wants_json(request: HttpRequest) -> bool:
    # kb_editor.js asks for JSON; a plain form post (no JavaScript) gets the edit page back.
    return "application/json" in request.headers.get("Accept", "")


def _upload_from(request: HttpRequest) -> Upload:
    sent = request.FILES.get("file")
    if sent is None:
        raise InvalidInput(_("Choose a file to attach."), field="file")
    return Upload(
        name=sent.name or "", content_type=sent.content_type or "", content=sent, size=sent.size or 0
    )


@console_view
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    article = load_article(request, pk)
    try:
        item = upload_attachment(request.user, article, _upload_from(request))
    except ServiceError as exc:
        if _wants_json(request):
            return JsonResponse({"error": exc.message}, status=exc.status)
        messages.error(request, exc.message)
        return redirect("console:knowledge_edit", pk=article.pk)
    if _wants_json(request):
        return JsonResponse(described(item), status=201)
    messages.success(request, _("%(name)s is attached.") % {"name": item.original_name})
    return redirect("console:knowledge_edit", pk=article.pk)


@console_view
@require_POST
def delete(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    article = load_article(request, pk)
    try:
        delete_attachment(request.user, article, attachment_id)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("console:knowledge_edit", pk=article.pk)
    messages.success(request, _("The file is removed; links to it in the text no longer work."))
    return redirect("console:knowledge_edit", pk=article.pk)
