from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The written fields every version keeps, in the order a diff shows them.
VERSIONED_FIELDS = ("title", "body", "symptom", "cause", "fix_steps", "module")


class ArticleVersion(models.Model):
    """What an article said after one edit; never changed afterwards."""

    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text (Markdown)"), blank=True)
    symptom = models.TextField(_("symptom"), blank=True)
    cause = models.TextField(_("cause"), blank=True)
    fix_steps = models.TextField(_("fix steps (Markdown)"), blank=True)
    module = models.CharField(_("module"), max_length=120, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("author"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The article's files at this version, in upload order: [{"id": attachment id, "name": its name}].
    # The name is kept too so the history still reads right should a row ever be gone.
    attachments = models.JSONField(_("files"), default=list, blank=True)

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="articleversion_article_number_uniq")
        ]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}
