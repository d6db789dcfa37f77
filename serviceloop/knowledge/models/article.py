import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    KNOWN_PROBLEM = "known_problem", _("Known problem")
    HOW_TO = "how_to", _("How-to")
    MANUAL = "manual", _("Manual or technical document")
    TRAINING = "training", _("Training material")
    INTERNAL_NOTE = "internal_note", _("Internal note")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    CUSTOMERS = "customers", _("Customers (signed in)")
    INTERNAL = "internal", _("Internal")
    PARTNER = "partner", _("One partner or supplier")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    DUE_FOR_REVIEW = "due_for_review", _("Due for review")
    ARCHIVED = "archived", _("Archived")


# Articles readers are shown: one due for review is still the answer in force until it is
# re-confirmed or archived.
LIVE_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.DUE_FOR_REVIEW)


class Article(models.Model):
    """One article in one language; its language versions share `translation_group`.

    The written fields hold the latest version (see ArticleVersion); the search_* columns hold their
    segmented words, which the full-text index reads (see knowledge/search_index.py).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.HOW_TO)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text (Markdown)"), blank=True)
    symptom = models.TextField(_("symptom"), blank=True)
    cause = models.TextField(_("cause"), blank=True)
    fix_steps = models.TextField(_("fix steps (Markdown)"), blank=True)
    product_models = models.ManyToManyField(
        "customers.ProductModel", blank=True, related_name="+", verbose_name=_("affected product models")
    )
    module = models.CharField(_("module"), max_length=120, blank=True)
    fault_type = models.ForeignKey(
        "tickets.FaultType", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("fault type"),
    )  # fmt: skip
    category = models.ForeignKey(
        "knowledge.KnowledgeCategory", on_delete=models.PROTECT, related_name="articles",
        verbose_name=_("category"),
    )  # fmt: skip
    tags = models.JSONField(_("tags"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=16, default="en")
    translation_group = models.UUIDField(_("translation group"), default=uuid.uuid4, db_index=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    supplier = models.ForeignKey(
        "customers.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("partner or supplier"),
        help_text=_("Whose product document this is; with partner visibility only its technicians read it."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("author"),
    )  # fmt: skip
    # The resolved ticket this article was drafted from ("Turn into article"); one article per ticket.
    source_ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("drafted from ticket"),
    )  # fmt: skip
    version = models.PositiveIntegerField(_("version"), default=1)
    review_due_on = models.DateField(_("review due on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    search_title = models.TextField(blank=True, default="", editable=False)
    search_symptom = models.TextField(blank=True, default="", editable=False)
    search_document = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # The periodic sweep looks for published articles past their review date.
            models.Index(fields=["status", "review_due_on"], name="article_status_review_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_group", "language"], name="article_one_per_language"
            ),
            models.CheckConstraint(
                condition=~models.Q(visibility="partner") | models.Q(supplier__isnull=False),
                name="article_partner_visibility_names_supplier",
            ),
            models.UniqueConstraint(fields=["source_ticket"], name="article_one_per_source_ticket"),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES
