"""Downloading a file of a help article: for whoever may read the article (anyone, for a public
published one). The one address for both faces, so images in an article's text show everywhere."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from serviceloop.core.errors import NotFound
from serviceloop.knowledge.services.attachments import readable_attachment

from .help import not_found


@require_GET
def download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    try:
        item = readable_attachment(request.user, pk, attachment_id)
        handle = item.file.open("rb")
    except (NotFound, OSError):
        return not_found(request)
    # Images (their first bytes checked on upload) are shown inline, for <img> in the text; any other
    # file is always a download, never a page of ours.
    response = FileResponse(
        handle, as_attachment=not item.is_image, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Who may read the article can change (unpublished, made internal): caches must ask again.
    response["Cache-Control"] = "private, no-cache"
    return response
