from django.contrib import admin

from serviceloop.core.admin_mixins import ReadOnlyAdmin

from .models import PlanApprover, RemoteSession, SolutionPlan, Verification


@admin.register(PlanApprover)
class PlanApproverAdmin(admin.ModelAdmin):
    list_display = ("user", "product_line")
    list_filter = ("product_line",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "product_line__name")
    autocomplete_fields = ("user",)


@admin.register(SolutionPlan)
class SolutionPlanAdmin(admin.ModelAdmin):
    """Read only: plans are written and reviewed on the ticket, where every step is recorded."""

    list_display = ("ticket", "version", "state", "author", "reviewer", "updated_at")
    list_filter = ("state", "delivery")
    search_fields = ("ticket__number",)
    list_select_related = ("ticket", "author", "reviewer")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class _ReadOnly(ReadOnlyAdmin, admin.ModelAdmin):
    """Written on the ticket (console, portal, mail links, API), where every step is in its history."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Verification)
class VerificationAdmin(_ReadOnly):
    list_display = ("ticket", "round", "requested_at", "reminded_at", "answered_at", "outcome", "via")
    list_filter = ("outcome", "via")
    search_fields = ("ticket__number",)
    list_select_related = ("ticket",)


@admin.register(RemoteSession)
class RemoteSessionAdmin(_ReadOnly):
    list_display = ("ticket", "tool", "started_at", "ended_at", "by")
    search_fields = ("ticket__number", "tool")
    list_select_related = ("ticket", "by")
