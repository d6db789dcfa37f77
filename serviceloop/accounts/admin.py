from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from serviceloop.core.admin_mixins import ReadOnlyAdmin

from .models import Absence, ApiToken, PartnerAccess, PersonalHours, Skills, Team, TeamHours, User


class SkillsInline(admin.StackedInline):
    model = Skills
    can_delete = False
    filter_horizontal = ("product_lines",)


class PersonalHoursInline(admin.TabularInline):
    model = PersonalHours
    extra = 0


class TeamHoursInline(admin.TabularInline):
    model = TeamHours
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = (SkillsInline, PersonalHoursInline)
    list_display = ("username", "email", "first_name", "last_name", "role", "organisation", "supplier")
    list_filter = ("role", "is_active")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            _("Serviceloop"),
            {"fields": ("role", "organisation", "supplier", "language", "time_zone", "mobile")},
        ),
    )
    autocomplete_fields = ("organisation", "supplier")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "lead", "assignment_mode")
    list_filter = ("assignment_mode",)
    filter_horizontal = ("members",)
    inlines = (TeamHoursInline,)


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "starts_at", "ends_at", "note")
    list_filter = ("kind", "starts_at", "ends_at")
    date_hierarchy = "starts_at"
    search_fields = ("user__username", "user__first_name", "user__last_name", "note")
    autocomplete_fields = ("user",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")


@admin.register(PartnerAccess)
class PartnerAccessAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """What partners' technicians looked at and did: kept by every request of theirs."""

    list_display = ("at", "user", "method", "path", "ticket_ref", "status")
    list_filter = ("method", "status")
    list_select_related = ("user",)
    search_fields = ("ticket_ref", "user__username", "path")
    date_hierarchy = "at"
