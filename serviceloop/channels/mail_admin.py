"""Administering the mail channel: support mailboxes (IMAP) and blocked senders."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import MailBlock, Mailbox
from .tasks import poll_mailbox_task


def _secret(label: Any) -> forms.CharField:
    # A stored secret is never sent back to the browser; an empty field keeps it.
    return forms.CharField(
        label=label, required=False, strip=False, widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the one stored."),
    )  # fmt: skip


_SECRETS = ("imap_password", "oauth_client_secret", "oauth_refresh_token")
_LOOPBACK = ("127.0.0.1", "::1", "localhost")


class MailboxForm(forms.ModelForm):
    oauth_token_url = forms.URLField(label=_("OAuth token URL"), required=False, assume_scheme="https")
    imap_password = _secret(_("IMAP password"))
    oauth_client_secret = _secret(_("OAuth client secret"))
    oauth_refresh_token = _secret(_("OAuth refresh token"))

    class Meta:
        model = Mailbox
        fields = ("name", "address", "team", "imap_host", "imap_port", "imap_security", "imap_user",
                  "imap_auth", "imap_password", "oauth_token_url", "oauth_client_id", "oauth_client_secret",
                  "oauth_refresh_token", "oauth_scope", "imap_folder", "after_fetch", "processed_folder",
                  "is_active")  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in _SECRETS:
            if not data.get(name) and self.instance.pk:
                data[name] = getattr(self.instance, name)
        if data.get("imap_auth") == Mailbox.Auth.OAUTH2:
            self._check_oauth(data)
        return data

    def _check_oauth(self, data: dict[str, Any]) -> None:
        url = data.get("oauth_token_url") or ""
        if not url:
            self.add_error("oauth_token_url", _("OAuth 2.0 needs the provider's token URL."))
        elif urlsplit(url).scheme != "https" and urlsplit(url).hostname not in _LOOPBACK:
            # The client secret and refresh token travel to it.
            self.add_error("oauth_token_url", _("The token URL must use https."))
        if not data.get("oauth_client_id"):
            self.add_error("oauth_client_id", _("OAuth 2.0 needs the client ID the provider gave."))


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
