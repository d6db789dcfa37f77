from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from serviceloop.core.admin_mixins import ReadOnlyAdmin

from .models import (
    Article,
    ArticleAttachment,
    ArticleEvent,
    ArticleFeedback,
    ArticleUse,
    ArticleVersion,
    ContributorRecognition,
    Deflection,
    KnowledgeCategory,
    SearchMiss,
)


@admin.register(KnowledgeCategory)
class KnowledgeCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "product_line", "product_model", "owner", "review_every_days")
    list_filter = ("product_line",)
    search_fields = ("name", "product_line__name", "product_model__code", "owner__username")
    list_select_related = ("product_line", "product_model", "owner")
    autocomplete_fields = ("owner",)


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    fields = ("number", "title", "author", "created_at", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ArticleEventInline(ArticleVersionInline):
    model = ArticleEvent  # type: ignore[assignment]
    fields = ("at", "name", "actor", "old_status", "new_status")
    readonly_fields = fields


class ArticleFeedbackInline(admin.TabularInline):
    model = ArticleFeedback
    fields = ("created_at", "helpful", "comment", "user")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Readers' feedback")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read only: articles are written and reviewed through the knowledge services, which keep every
    version and every step; here they are looked up."""

    list_display = (
        "title",
        "kind",
        "language",
        "visibility",
        "status",
        "category",
        "version",
        "review_due_on",
    )
    list_filter = ("status", "kind", "visibility", "language", "category")
    search_fields = ("title", "symptom", "module", "tags")
    list_select_related = ("category",)
    exclude = ("search_title", "search_symptom", "search_document")
    inlines = (ArticleVersionInline, ArticleEventInline, ArticleFeedbackInline)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Readers' votes, newest first: the comments on unhelpful articles tell owners what to improve."""

    list_display = ("article", "helpful", "comment", "user", "created_at")
    list_filter = ("helpful", "article__category", "article__language")
    search_fields = ("article__title", "comment")
    list_select_related = ("article", "user")
    exclude = ("session_key",)


@admin.register(SearchMiss)
class SearchMissAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Content gaps: what readers searched for and did not find, most searched first."""

    list_display = ("query", "language", "count", "status", "article", "first_seen", "last_seen")
    list_filter = ("status", "language")
    search_fields = ("query",)
    ordering = ("-count", "-last_seen")


@admin.register(Deflection)
class DeflectionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Problems readers solved with an article instead of opening a ticket."""

    list_display = ("article", "query", "user", "created_at")
    list_filter = ("article__category",)
    search_fields = ("article__title", "query")
    list_select_related = ("article", "user")
    exclude = ("session_key",)


@admin.register(ArticleUse)
class ArticleUseAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Articles inserted or linked in a reply, once per ticket: what the contributions count as uses."""

    list_display = ("article", "ticket", "user", "at")
    list_filter = ("article__category",)
    search_fields = ("article__title", "ticket__number")
    list_select_related = ("article", "ticket", "user")


@admin.register(ArticleAttachment)
class ArticleAttachmentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Files attached to articles; added and removed on the article's edit page in the console."""

    list_display = (
        "original_name", "article", "kind", "content_type", "size", "uploaded_by", "uploaded_at",
        "removed_at",
    )  # fmt: skip
    list_filter = ("kind", ("removed_at", admin.EmptyFieldListFilter))
    search_fields = ("original_name", "article__title")
    list_select_related = ("article", "uploaded_by")


@admin.register(ContributorRecognition)
class ContributorRecognitionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The quarters whose top knowledge contributors were thanked, and whom it named."""

    list_display = ("quarter", "sent_at")
