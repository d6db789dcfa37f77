from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from serviceloop.core.admin_mixins import ReadOnlyAdmin

from .admin_import import HolidayImportAdminMixin
from .models import (
    BusinessCalendar,
    EmergencyAlert,
    EscalationAction,
    EscalationLevel,
    ExtraWorkingDay,
    Holiday,
    OpeningHours,
    SlaClock,
    SlaPolicy,
    SlaTarget,
)
from .services.replacing import after_change


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 0


class ExtraWorkingDayInline(admin.TabularInline):
    model = ExtraWorkingDay
    extra = 0


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(HolidayImportAdminMixin, admin.ModelAdmin):
    list_display = ("name", "time_zone", "description")
    search_fields = ("name",)
    inlines = [OpeningHoursInline, HolidayInline, ExtraWorkingDayInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        after_change(calendar_id=form.instance.pk)  # new hours or holidays move running deadlines


class SlaTargetInline(admin.TabularInline):
    model = SlaTarget
    extra = 0


class EscalationLevelForm(forms.ModelForm):
    # Tick boxes rather than the JSON list the column stores.
    actions = forms.MultipleChoiceField(
        label=_("actions"), choices=EscalationAction.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = EscalationLevel
        fields = ("metric", "after_minutes", "actions")


class EscalationLevelInline(admin.TabularInline):
    model = EscalationLevel
    form = EscalationLevelForm
    extra = 0


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "is_active", "calendar", "emergency", "warranty")
    list_editable = ("position", "is_active")
    list_filter = ("is_active", "emergency")
    filter_horizontal = ("organisations", "product_lines", "teams")
    inlines = [SlaTargetInline, EscalationLevelInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        after_change(policy_id=form.instance.pk)  # a new chain applies to tickets overdue now


@admin.register(SlaClock)
class SlaClockAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read only: clocks are kept by the ticket's events, never edited by hand."""

    list_display = ("ticket", "metric", "state", "due_at", "met_at", "breached_at")
    list_filter = ("metric", "state")
    search_fields = ("ticket__number",)
    list_select_related = ("ticket",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EmergencyAlert)
class EmergencyAlertAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read only: raised and handled by the emergency path, in the ticket's history."""

    list_display = ("ticket", "raised_at", "handled_at", "handled_by")
    list_select_related = ("ticket", "handled_by")
    search_fields = ("ticket__number",)
