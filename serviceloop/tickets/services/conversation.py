"""Replies, internal notes and attachments."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import Forbidden, InvalidInput, ServiceError, TooLarge
from serviceloop.core.search import segment

from ..models import Attachment, Channel, Message, Status, Ticket
from . import validation as v
from .history import record


@dataclass
class Upload:
    """A file as a face received it: its name as sent, its type as claimed, and its bytes."""

    name: str
    content_type: str
    content: IO[bytes]
    size: int


class UnsafeFile(ServiceError):
    status = 400


def safe_filename(name: str) -> str:
    """A display name without path parts, control characters or leading dots; keeps non-Latin letters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '<>:"|?*')
    name = name.strip().lstrip(".").strip()
    if not name:
        return "attachment"
    stem, ext = os.path.splitext(name)
    return stem[: 200 - len(ext[:20])] + ext[:20]


_DANGEROUS_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "application/javascript",
                    "text/javascript", "application/x-msdownload", "application/x-sh"}  # fmt: skip


def refusal(upload: Upload) -> ServiceError | None:
    """Why the desk does not take this file (too big, or of a type that could harm), or None."""
    name = safe_filename(upload.name)
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        limit_mb = settings.ATTACHMENT_MAX_BYTES / (1024 * 1024)
        return TooLarge(
            _("%(name)s is larger than the %(limit)s MB limit for attachments.")
            % {"name": name, "limit": f"{limit_mb:g}"},
            field="attachments",
        )
    ext = os.path.splitext(name)[1].lower()
    if ext in settings.ATTACHMENT_BLOCKED_EXTENSIONS or upload.content_type.lower() in _DANGEROUS_TYPES:
        return UnsafeFile(
            _(
                "%(name)s: files of this type (%(type)s) are not accepted; "
                "send a PDF, image, office document, log or archive instead."
            )
            % {"name": name, "type": ext or upload.content_type},
            field="attachments",
        )
    return None


def check_uploads(uploads: list[Upload]) -> None:
    """Refuse the whole request before anything is stored if one file is too big or unsafe."""
    for upload in uploads:
        error = refusal(upload)
        if error is not None:
            raise error


# type/subtype as RFC 6838 allows them; anything else a sender claims is not a type we can serve.
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


def _content_type(upload: Upload, name: str) -> str:
    guessed = mimetypes.guess_type(name)[0]
    claimed = (upload.content_type or "").split(";")[0].strip().lower()
    claimed = claimed if _MEDIA_TYPE.fullmatch(claimed) else ""
    # Trust the extension over the sender's claim, so a file is always served as what its name says.
    return guessed or claimed or "application/octet-stream"


def store_uploads(
    actor: Any, ticket: Ticket, message: Message | None, uploads: list[Upload]
) -> list[Attachment]:
    stored = []
    for upload in uploads:
        data = upload.content.read(settings.ATTACHMENT_MAX_BYTES + 1)
        if len(data) > settings.ATTACHMENT_MAX_BYTES:
            raise TooLarge(_("The attachment is larger than the limit."), field="attachments")
        name = safe_filename(upload.name)
        attachment = Attachment(
            ticket=ticket, message=message, filename=name, content_type=_content_type(upload, name),
            size=len(data), sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )  # fmt: skip
        attachment.file.save(name, ContentFile(data), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _check_can_write(actor: Any, internal: bool) -> None:
    if internal and not policy.can_write_internal_notes(actor):
        raise Forbidden(_("You may not write internal notes."))
    if not (policy.is_staff(actor) or policy.is_partner(actor) or policy.is_customer(actor)):
        raise Forbidden(_("You may not write on tickets."))


def _message_data(message: Message, actor: Any, internal: bool, shared: bool) -> dict[str, Any]:
    data = {"message_id": message.pk, "by_customer": policy.is_customer(actor)}
    return {**data, "shared": shared} if internal else data


def add_message(
    actor: Any,
    ticket: Ticket,
    body: str,
    *,
    internal: bool = False,
    channel: str = Channel.CONSOLE,
    uploads: list[Upload] | None = None,
    author_name: str = "",
    share_with_partner: bool = False,
) -> Message:
    """Add a public reply or an internal note; a customer's reply brings a pending ticket back.

    An internal note reaches the partner's technicians of the ticket's product only when shared
    with them; the notes they write themselves are."""
    _check_can_write(actor, internal)
    body = v.text(body, "body", max_length=100_000)
    v.reject_nul(author_name, "author_name")
    uploads = uploads or []
    check_uploads(uploads)
    if ticket.is_final:
        raise InvalidInput(
            _("%(number)s is %(status)s; reopen it or open a new ticket.")
            % {"number": ticket.number, "status": ticket.get_status_display()}
        )
    shared = internal and (share_with_partner or policy.is_partner(actor))
    with transaction.atomic():
        now = timezone.now()
        message = Message.objects.create(
            ticket=ticket, kind=Message.Kind.NOTE if internal else Message.Kind.REPLY,
            author=actor if getattr(actor, "pk", None) else None, author_name=author_name,
            channel=channel, body=body, created_at=now, shared_with_partner=shared,
        )  # fmt: skip
        store_uploads(actor, ticket, message, uploads)
        changes: dict[str, Any] = {"updated_at": now}
        if not internal:
            changes["search_document"] = Concat(F("search_document"), Value(" " + segment(body)))
        Ticket.objects.filter(pk=ticket.pk).update(**changes)
        ticket.updated_at = now
        name = events.TICKET_NOTE_ADDED if internal else events.TICKET_REPLIED
        record(
            ticket,
            name,
            actor,
            channel,
            data=_message_data(message, actor, internal, shared),
            message=message,
        )
        if policy.is_customer(actor) and ticket.status == Status.PENDING_CUSTOMER:
            from .transitions import transition

            transition(actor, ticket, "customer_replied", channel=channel)
    return message


def add_attachment(actor: Any, ticket: Ticket, upload: Upload, *, internal: bool = False,
                   channel: str = Channel.API) -> Attachment:  # fmt: skip
    """Attach a file to a ticket on its own, as a short message that carries it."""
    message = add_message(actor, ticket, safe_filename(upload.name), internal=internal, channel=channel,
                          uploads=[upload])  # fmt: skip
    return message.attachments.get()
