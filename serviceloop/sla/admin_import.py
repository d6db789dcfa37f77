"""The Django admin's "Import holidays" page of a business calendar: upload an .ics feed, see the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from serviceloop.core.errors import InvalidInput
from serviceloop.core.policy import can_manage_service_levels

from .services.holiday_import import MAX_BYTES, ImportResult, import_holidays

# The admin's message list is no report: past this many, the rest of the problems are only counted.
SHOWN_PROBLEMS = 20


class HolidayImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("iCalendar file (.ics)"),
        help_text=gettext_lazy("A public-holiday feed as Google, Apple or Outlook calendars export it."),
    )
    replace_from = forms.DateField(
        label=gettext_lazy("Replace from"),
        required=False,
        widget=AdminDateWidget,
        help_text=gettext_lazy(
            "Optional. One-off holidays and extra working days on or after this date that the file "
            "does not name are removed. Leave empty to only add and update."
        ),
    )

    def data_of_file(self) -> bytes:
        # One byte more than allowed is enough for the service to refuse it; the rest stays unread.
        return self.cleaned_data["file"].read(MAX_BYTES + 1)


if TYPE_CHECKING:
    _AdminBase = admin.ModelAdmin
else:  # a mixin: the ModelAdmin comes later in the class's bases
    _AdminBase = object


class HolidayImportAdminMixin(_AdminBase):
    """For a BusinessCalendar ModelAdmin: the import page and the link to it on the change page."""

    def get_urls(self):
        opts = self.opts
        view = self.admin_site.admin_view(self.import_holidays_view)
        own = [
            path(
                "<path:object_id>/import-holidays/",
                view,
                name=f"{opts.app_label}_{opts.model_name}_import_holidays",
            )
        ]
        return own + super().get_urls()

    def may_import_holidays(self, request: HttpRequest, calendar: Any) -> bool:
        return self.has_change_permission(request, calendar) and can_manage_service_levels(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        calendar = self.get_object(request, unquote(object_id))
        extra = {**(extra_context or {}), "can_import_holidays": self.may_import_holidays(request, calendar)}
        return super().change_view(request, object_id, form_url, extra)

    def import_holidays_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        model_admin: Any = self  # _get_obj_does_not_exist_redirect is private to the admin
        opts = self.opts
        calendar = self.get_object(request, unquote(object_id))
        if calendar is None:
            return model_admin._get_obj_does_not_exist_redirect(request, opts, object_id)
        if not self.may_import_holidays(request, calendar):
            raise PermissionDenied
        form = HolidayImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = import_holidays(
                    calendar, form.data_of_file(), replace_from=form.cleaned_data["replace_from"]
                )
            except InvalidInput as exc:
                form.add_error(exc.field if exc.field in form.fields else "file", exc.message)
            else:
                _report(request, result)
                change_url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(calendar.pk)]
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import holidays into %(calendar)s") % {"calendar": calendar},
            "opts": opts,
            "original": calendar,
            "form": form,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request, calendar),
        }
        return TemplateResponse(request, "admin/sla/businesscalendar/import_holidays.html", context)


def _report(request: HttpRequest, result: ImportResult) -> None:
    messages.success(
        request,
        _(
            "Holidays imported: %(added)s added, %(updated)s updated, %(unchanged)s unchanged, "
            "%(removed)s removed; events skipped: %(skipped)s."
        )
        % {
            "added": result.added,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "removed": result.removed,
            "skipped": result.skipped,
        },
    )
    for problem in result.problems[:SHOWN_PROBLEMS]:
        messages.warning(request, problem)
    if len(result.problems) > SHOWN_PROBLEMS:
        messages.warning(
            request,
            _("… and %(count)s more notes.") % {"count": len(result.problems) - SHOWN_PROBLEMS},
        )
