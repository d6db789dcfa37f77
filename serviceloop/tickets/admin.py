"""Administrators configure classifications here; tickets themselves change only through the services."""

from django.contrib import admin

from .models import FaultType, Tag, Ticket, TicketEvent


@admin.register(FaultType)
class FaultTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_zh")
    search_fields = ("code", "name", "name_zh")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    fields = ("at", "name", "actor", "channel", "field", "old_value", "new_value")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: a change made here would bypass the lifecycle and the history."""

    list_display = ("number", "subject", "organisation", "status", "priority", "assignee", "received_at")
    list_filter = ("status", "priority", "channel", "category")
    search_fields = ("number", "subject", "organisation__name")
    list_select_related = ("organisation", "assignee")
    inlines = [TicketEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
