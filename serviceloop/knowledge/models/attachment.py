import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def article_file_path(instance: "ArticleAttachment", filename: str) -> str:
    # As for tickets' attachments: a random key under the article, never the uploader's name, so no
    # name can escape the folder or collide with another file.
    return f"knowledge/{instance.article_id}/{uuid.uuid4().hex}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")
    OTHER = "other", _("Other file")


class ArticleAttachment(models.Model):
    """A file of a manual or technical document: an image shown in its text, a PDF, an office document.

    Video links are not uploaded: writers put them in the text as Markdown links, which readers see as
    plain links (the sanitiser keeps no iframes or embedded players)."""

    article = models.ForeignKey(
        "knowledge.Article", on_delete=models.CASCADE, related_name="attachments", verbose_name=_("article")
    )
    file = models.FileField(upload_to=article_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Removing a file only marks it: the row and its stored bytes stay, so restoring an article's
    # earlier version can bring the file back. Readers never see a removed file.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("removed by"),
    )  # fmt: skip

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("article attachment")
        verbose_name_plural = _("article attachments")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind == AttachmentKind.IMAGE

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
