"""Files of articles: images shown in the text, PDFs and office documents listed under it.

Uploads are checked like tickets' attachments (same size limit, same refusal of harmful types, same
safe display names), then narrower: only images (png, jpeg, gif, webp, recognised by their first
bytes, not by their name), PDF and common office documents. Videos are not uploaded: a writer links
them in the text (YouTube, Vimeo, any address) and readers see a plain link, as the sanitiser keeps
no iframes or players.

Who may add or remove a file is who may change the article; who may download it is who may read it.

Adding or removing a file makes the article's next version (its note names the file), the way a
text edit does. Removing only marks the file removed: readers no longer see or fetch it, but its
bytes stay so that restoring an earlier version brings it back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core.errors import NotFound, TooLarge
from serviceloop.tickets.services.conversation import UnsafeFile, Upload, refusal, safe_filename
from serviceloop.tickets.services.validation import MAX_ID

from .. import events
from ..models import Article, ArticleAttachment, AttachmentKind
from .file_sets import live_files
from .visibility import get_visible_article
from .writing import check_may_change, save_version

# First bytes of each image type we show inline: the name alone could lie, and a browser shown an
# HTML page named .png could be made to run it.
_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Documents by extension: (served type, the first bytes the file must start with).
_DOCUMENTS = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
    ".ppt": ("application/vnd.ms-powerpoint", _OLE),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
}
# Plain text has no signature; it is only ever downloaded, never shown inline.
_PLAIN = {".txt": "text/plain", ".csv": "text/csv"}


def _image_type(data: bytes) -> str | None:
    for magic, content_type in _IMAGE_MAGIC:
        if data.startswith(magic):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _not_accepted(name: str) -> UnsafeFile:
    return UnsafeFile(
        _("%(name)s: an article takes images (PNG, JPEG, GIF, WebP), PDF and office documents only.")
        % {"name": name},
        field="file",
    )


def classify(name: str, data: bytes) -> tuple[str, str]:
    """(kind, content type) of an upload named `name` holding `data`; UnsafeFile when not accepted or
    when its bytes are not what its name says."""
    ext = os.path.splitext(name)[1].lower()
    if ext in _IMAGE_EXTENSIONS:
        image_type = _image_type(data)
        if image_type is None:
            raise UnsafeFile(
                _("%(name)s is not a PNG, JPEG, GIF or WebP image.") % {"name": name}, field="file"
            )
        return AttachmentKind.IMAGE, image_type
    if ext in _DOCUMENTS:
        content_type, magic = _DOCUMENTS[ext]
        if not data.startswith(magic):
            raise UnsafeFile(
                _("%(name)s does not look like a %(type)s file.") % {"name": name, "type": ext[1:].upper()},
                field="file",
            )
        return AttachmentKind.DOCUMENT, content_type
    if ext in _PLAIN and b"\x00" not in data:
        return AttachmentKind.OTHER, _PLAIN[ext]
    raise _not_accepted(name)


def _read(upload: Upload) -> bytes:
    data = upload.content.read(settings.ATTACHMENT_MAX_BYTES + 1)
    if len(data) > settings.ATTACHMENT_MAX_BYTES:  # the size a face reported may be wrong
        raise TooLarge(_("The attachment is larger than the limit."), field="file")
    return data


def _file_version(
    actor: Any, article: Article, change: Callable[[Article], None], note: str, **data: Any
) -> None:
    # Not refused when the text changed meanwhile: a file added or removed undoes no one's words.
    locked = save_version(
        actor, article, change, note=note, event=events.ARTICLE_EDITED, same_version=False, **data
    )
    if locked.version == article.version + 1:
        # Nothing else changed meanwhile, so the caller's `article` still says what the article says:
        # it is the current version, and an edit based on it is not taken for a conflicting one.
        article.version, article.updated_at = locked.version, locked.updated_at


def upload_attachment(actor: Any, article: Article, upload: Upload) -> ArticleAttachment:
    """Store one file of `article`, for someone who may change it, as the article's next version."""
    check_may_change(actor, article)
    error = refusal(upload)  # the tickets' size limit and harmful types, with their messages
    if error is not None:
        error.field = "file"
        raise error
    data = _read(upload)
    name = safe_filename(upload.name)
    kind, content_type = classify(name, data)
    item = ArticleAttachment(
        article=article, original_name=name, content_type=content_type, size=len(data), kind=kind,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip

    def store(locked: Article) -> None:
        item.file.save(name, ContentFile(data), save=False)
        item.save()

    _file_version(actor, article, store, _("File added: %(name)s") % {"name": name}, file_added=name)
    return item


def article_attachments(article: Article) -> QuerySet:
    """The files readers of `article` see and may fetch: none that were removed."""
    return live_files(article)


def _find(article: Article, attachment_id: Any) -> ArticleAttachment:
    try:
        number = int(attachment_id)
        if not 0 < number <= MAX_ID:
            raise ValueError(attachment_id)
        return article_attachments(article).get(pk=number)
    except (ArticleAttachment.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("This article has no such file.")) from exc


def delete_attachment(actor: Any, article: Article, attachment_id: Any) -> None:
    """Remove a file of `article`, for someone who may change it, as the article's next version. The
    file is only marked removed (its bytes are kept) so an earlier version can bring it back."""
    check_may_change(actor, article)
    item = _find(article, attachment_id)

    def mark(locked: Article) -> None:
        marked = ArticleAttachment.objects.filter(pk=item.pk, removed_at__isnull=True).update(
            removed_at=timezone.now(), removed_by=actor if getattr(actor, "pk", None) else None
        )
        if not marked:  # removed by someone else meanwhile: no second version for it
            raise NotFound(_("This article has no such file."))

    name = item.original_name
    _file_version(actor, article, mark, _("File removed: %(name)s") % {"name": name}, file_removed=name)


def readable_attachment(user: Any, article_id: Any, attachment_id: Any) -> ArticleAttachment:
    """A file of an article `user` may read; NotFound otherwise (and for a removed file), so neither's
    existence is revealed."""
    article = get_visible_article(user, article_id)
    return _find(article, attachment_id)
