"""Files on a ticket: upload as a short message that carries them; download if you may see them."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile

from serviceloop.core import policy
from serviceloop.core.errors import NotFound
from serviceloop.tickets import services
from serviceloop.tickets.models import Attachment, Channel

from ..auth import actor
from ..errors import responses
from ..schemas.conversation import AttachmentOut

router = Router(tags=["attachments"])
_BINARY = {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}


@router.post("/tickets/{ref}/attachments", response=responses({201: AttachmentOut}, 400, 403, 404, 409, 413))
def upload_attachment(request: HttpRequest, ref: str, file: File[UploadedFile], internal: Form[bool] = False):
    """Attach a file (multipart field `file`); too large answers 413, an unsafe type 400."""
    user = actor(request)
    ticket = services.get_visible_ticket(user, ref)
    upload = services.Upload(
        name=file.name or "", content_type=file.content_type or "", content=file, size=file.size or 0
    )
    return Status(201, services.add_attachment(user, ticket, upload, internal=internal, channel=Channel.API))


@router.get(
    "/attachments/{attachment_id}",
    response=responses({200: None}, 404),
    url_name="download_attachment",
    openapi_extra={"responses": {200: {"description": "The file", **_BINARY}}},
)
def download_attachment(request: HttpRequest, attachment_id: int):
    """The file, if you may see its ticket (and, for internal notes' files, internal notes)."""
    user = actor(request)
    attachment = Attachment.objects.select_related("message").filter(pk=attachment_id).first()
    missing = NotFound(_("No attachment %(id)s.") % {"id": attachment_id})
    if attachment is None or (
        attachment.is_internal and not policy.can_read_note(user, attachment.shared_with_partner)
    ):
        raise missing
    try:
        services.get_visible_ticket(user, attachment.ticket_id)
    except NotFound as exc:
        raise missing from exc
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.filename,
        content_type=attachment.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response
