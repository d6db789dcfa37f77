from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleUse(models.Model):
    """An article helped solve a ticket: an agent inserted or linked it in a reply to that ticket.

    Counted once per article and ticket, however often it was inserted; the contribution statistics
    credit it to the article's writer."""

    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="uses")
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("used by"),
    )  # fmt: skip
    at = models.DateTimeField(_("used at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "ticket"], name="articleuse_one_per_ticket"),
        ]
        # The quarterly statistics read uses by time.
        indexes = [models.Index(fields=["at"], name="articleuse_at_idx")]
        verbose_name = _("article used on a ticket")
        verbose_name_plural = _("articles used on tickets")

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.ticket_id}"
