"""Downloading an attachment: only for someone who may see its ticket (and its note, if internal)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from serviceloop.core import policy
from serviceloop.core.errors import NotFound
from serviceloop.tickets.models import Attachment
from serviceloop.tickets.services import get_visible_ticket

from ..access import console_view


@console_view
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Attachment.objects.select_related("message"), pk=pk)
    try:
        get_visible_ticket(request.user, item.ticket_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if item.is_internal and not policy.can_read_note(request.user, item.shared_with_partner):
        raise Http404("No such attachment.")
    # Always a download, never rendered by the browser: the file came from outside.
    try:
        content = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage.") from exc
    response = FileResponse(
        content, as_attachment=True, filename=item.filename, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
