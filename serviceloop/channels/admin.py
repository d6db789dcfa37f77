from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template import TemplateSyntaxError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import mail_admin  # noqa: F401  (registers the mailbox and blocked-sender pages)
from .mail import outbox
from .mail import templates as outgoing_templates
from .models import MailTemplate, OutboundMail, Receipt

# Enough of a stored mail to read its headers and text; attachments would only bury them.
_SOURCE_PREVIEW = 20_000


@admin.register(Receipt)
class ReceiptAdmin(admin.ModelAdmin):
    list_display = ("received_at", "source", "state", "ticket", "received_by")
    list_filter = ("source", "state")
    readonly_fields = ("source", "received_at", "received_by", "payload", "state", "error", "ticket")


class MailTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind"), choices=outgoing_templates.kind_choices)
    language = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)

    class Meta:
        model = MailTemplate
        fields = ("kind", "language", "subject", "body")

    def _checked(self, name: str) -> str:
        source = self.cleaned_data.get(name, "")
        try:
            outgoing_templates.check_template_text(source)
        except TemplateSyntaxError as exc:
            raise forms.ValidationError(_("This template has an error: %(error)s") % {"error": exc}) from exc
        return source

    def clean_subject(self) -> str:
        return self._checked("subject")

    def clean_body(self) -> str:
        return self._checked("body")


@admin.register(MailTemplate)
class MailTemplateAdmin(admin.ModelAdmin):
    form = MailTemplateForm
    list_display = ("kind", "language", "subject", "updated_at")
    list_filter = ("kind", "language")


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin):
    """Read only: a sent mail is a record; a failed one can only be queued again."""

    list_display = ("created_at", "ticket", "kind", "recipients", "subject", "state", "attempts", "sent_at")
    list_filter = ("state", "kind")
    search_fields = ("message_id", "recipients", "subject", "ticket__number")
    list_select_related = ("ticket",)
    exclude = ("raw",)
    readonly_fields = (
        "ticket", "ticket_message", "kind", "message_id", "sender", "recipients", "subject", "state",
        "attempts", "last_error", "next_attempt_at", "created_at", "sent_at", "source",
    )  # fmt: skip
    actions = ["retry_now"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutboundMail]:
        return super().get_queryset(request).defer("raw")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboundMail | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboundMail | None = None) -> bool:
        return False

    @admin.display(description=_("message as sent"))
    def source(self, obj: OutboundMail) -> str:
        raw = OutboundMail.objects.filter(pk=obj.pk).values_list("raw", flat=True).first() or b""
        text = bytes(raw)[:_SOURCE_PREVIEW].decode("utf-8", "replace")
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', text)

    @admin.action(description=_("Retry now (failed mails)"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboundMail]) -> None:
        ids = outbox.retry_now(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request, ngettext("%(count)d mail queued again.", "%(count)d mails queued again.", len(ids))
            % {"count": len(ids)}
        )  # fmt: skip
