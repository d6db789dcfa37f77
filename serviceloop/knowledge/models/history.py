from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleEvent(models.Model):
    """One step in an article's life (written, edited, submitted, published...): the article's history.

    Written in the same transaction as the change. `actor` is empty for the periodic review sweep."""

    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="events")
    name = models.CharField(_("event"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("actor"),
    )  # fmt: skip
    at = models.DateTimeField(_("at"), default=timezone.now)
    old_status = models.CharField(_("from"), max_length=16, blank=True)
    new_status = models.CharField(_("to"), max_length=16, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["article", "at", "id"]
        indexes = [
            models.Index(fields=["article", "at"], name="articleevent_article_at_idx"),
            # The quarterly contribution statistics count steps of some names within a time range.
            models.Index(fields=["name", "at"], name="articleevent_name_at_idx"),
        ]
        verbose_name = _("article event")
        verbose_name_plural = _("article history")

    def __str__(self) -> str:
        return self.name
