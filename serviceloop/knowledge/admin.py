from django.contrib import admin

from serviceloop.core.admin_mixins import ReadOnlyAdmin

from .models import Article, ArticleEvent, ArticleVersion, KnowledgeCategory


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
    inlines = (ArticleVersionInline, ArticleEventInline)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
