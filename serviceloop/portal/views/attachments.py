"""Downloading an attachment of a public message of one of the customer's tickets."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from serviceloop.tickets.models import Attachment
from serviceloop.tickets.services import visible_messages

from .access import customer_required, not_found, visible_ticket


@require_GET
@customer_required
def attachment(request: HttpRequest, number: str, attachment_id: int) -> HttpResponseBase:
    ticket = visible_ticket(request, number)
    if ticket is None:
        return not_found(request)
    # Only files of messages this user may read: an internal note's file is as hidden as the note.
    readable = visible_messages(request.user, ticket).values("pk")
    found = Attachment.objects.filter(pk=attachment_id, ticket=ticket, message__in=readable).first()
    if found is None:
        return not_found(request)
    try:
        handle = found.file.open("rb")
    except OSError:
        return not_found(request)
    # Always a download, never shown inline: a file is not a page of ours.
    return FileResponse(handle, as_attachment=True, filename=found.filename, content_type=found.content_type)
