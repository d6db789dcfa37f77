"""Administering the mail channel: support mailboxes (IMAP) and blocked senders."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import MailBlock, Mailbox
from .tasks import poll_mailbox_task


class MailboxForm(forms.ModelForm):
    # The stored password is never sent back to the browser; an empty field keeps it.
    imap_password = forms.CharField(
        label=_("IMAP password"), required=False, strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the password stored."),
    )  # fmt: skip

    class Meta:
        model = Mailbox
        fields = ("name", "address", "team", "imap_host", "imap_port", "imap_security", "imap_user",
                  "imap_password", "imap_folder", "after_fetch", "processed_folder", "is_active")  # fmt: skip

    def clean_imap_password(self) -> str:
        given = self.cleaned_data.get("imap_password") or ""
        return given or (self.instance.imap_password if self.instance.pk else "")


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    form = MailboxForm
    list_display = ("name", "address", "team", "imap_host", "imap_folder", "is_active", "last_polled_at",
                    "last_error")  # fmt: skip
    list_filter = ("is_active", "team")
    search_fields = ("name", "address", "imap_host", "imap_user")
    readonly_fields = ("last_polled_at", "last_error", "waiting_too_large")
    actions = ["poll_now"]

    @admin.action(description=_("Fetch the selected mailboxes now"))
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Mailbox]) -> None:
        active = [pk for pk, host in queryset.filter(is_active=True).values_list("pk", "imap_host") if host]
        for pk in active:
            poll_mailbox_task(pk)
        self.message_user(request, ngettext(
            "%(count)s mailbox queued for fetching.", "%(count)s mailboxes queued for fetching.", len(active)
        ) % {"count": len(active)})  # fmt: skip


class MailBlockForm(forms.ModelForm):
    class Meta:
        model = MailBlock
        fields = ("pattern", "reason")

    def clean_pattern(self) -> str:
        # Screening compares lower-cased addresses and "@domain" exactly, so the pattern is kept so.
        pattern = (self.cleaned_data.get("pattern") or "").strip().lower()
        local, at, domain = pattern.rpartition("@")
        if not at or not domain or "." not in domain or " " in pattern or "@" in local:
            raise forms.ValidationError(_("Give an address (name@example.com) or a domain (@example.com)."))
        return pattern


@admin.register(MailBlock)
class MailBlockAdmin(admin.ModelAdmin):
    form = MailBlockForm
    list_display = ("pattern", "reason", "created_at")
    search_fields = ("pattern", "reason")
