"""What readers tell us about articles: votes, searches that found nothing, problems solved alone."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleFeedback(models.Model):
    """One reader's vote on one article: a signed-in reader's by `user`, an anonymous one's by session.

    Voting again changes the vote, so each reader counts once."""

    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("reader"),
    )  # fmt: skip
    session_key = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], condition=Q(user__isnull=False), name="feedback_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["article", "session_key"],
                condition=Q(user__isnull=True) & ~Q(session_key=""),
                name="feedback_one_per_anonymous_session",
            ),
        ]
        indexes = [models.Index(fields=["article", "helpful"], name="feedback_article_helpful_idx")]
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")

    def __str__(self) -> str:
        return str(_("Helpful") if self.helpful else _("Not helpful"))


class GapStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered by an article")
    DISMISSED = "dismissed", _("Dismissed")


class SearchMiss(models.Model):
    """A search that found nothing: a content gap, counted per normalised query and language.

    A writer closes it, answered by an article or dismissed; a later search that again finds nothing
    opens it again. `closed_at`, `closed_by` and `article` tell of the last closing and stay when it
    reopens, so the owners see that the answer did not serve."""

    query = models.CharField(_("search"), max_length=200)
    language = models.CharField(_("language"), max_length=16)
    count = models.PositiveIntegerField(_("times searched"), default=1)
    first_seen = models.DateTimeField(_("first searched"), default=timezone.now)
    last_seen = models.DateTimeField(_("last searched"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=GapStatus.choices, default=GapStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("closed by"),
    )  # fmt: skip
    article = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("answered by article"),
    )  # fmt: skip

    class Meta:
        ordering = ["-count", "-last_seen"]
        constraints = [
            models.UniqueConstraint(fields=["query", "language"], name="searchmiss_query_language_uniq")
        ]
        # The owners' list is read most searched first; their dashboard reads the open ones only.
        indexes = [
            models.Index(fields=["-count", "-last_seen"], name="searchmiss_count_idx"),
            models.Index(
                fields=["-count", "-last_seen"], condition=Q(status="open"), name="searchmiss_open_count_idx"
            ),
        ]
        verbose_name = _("content gap")
        verbose_name_plural = _("content gaps")

    def __str__(self) -> str:
        return self.query


class Deflection(models.Model):
    """A reader said an article solved their problem, so no ticket was needed."""

    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="deflections")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("reader"),
    )  # fmt: skip
    query = models.CharField(_("search"), max_length=200, blank=True)
    session_key = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "created_at"], name="deflection_article_at_idx")]
        verbose_name = _("problem solved without a ticket")
        verbose_name_plural = _("problems solved without a ticket")

    def __str__(self) -> str:
        return str(self.article_id)
