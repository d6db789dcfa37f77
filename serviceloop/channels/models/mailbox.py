from django.db import models
from django.utils.translation import gettext_lazy as _


class Mailbox(models.Model):
    """A support address: where a team's mail is fetched from (IMAP) and the From of its replies."""

    class Security(models.TextChoices):
        SSL = "ssl", _("SSL/TLS")
        STARTTLS = "starttls", _("STARTTLS")
        PLAIN = "plain", _("None (loopback or trusted network only)")

    class Auth(models.TextChoices):
        PASSWORD = "password", _("Password")
        OAUTH2 = "oauth2", _("OAuth 2.0 (Microsoft 365, Gmail)")

    class AfterFetch(models.TextChoices):
        MOVE = "move", _("Move to the processed folder")
        DELETE = "delete", _("Delete")

    name = models.CharField(_("name"), max_length=100, unique=True)
    address = models.EmailField(_("support address"), unique=True)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="mailboxes",
        help_text=_("New tickets from this mailbox go to this team; its replies are sent from this address."),
    )  # fmt: skip
    imap_host = models.CharField(_("IMAP host"), max_length=255, blank=True)
    imap_port = models.PositiveIntegerField(_("IMAP port"), default=993)
    imap_security = models.CharField(max_length=8, choices=Security.choices, default=Security.SSL)
    imap_user = models.CharField(_("IMAP user"), max_length=255, blank=True)
    imap_password = models.CharField(_("IMAP password"), max_length=255, blank=True)
    imap_auth = models.CharField(_("IMAP sign-in"), max_length=8, choices=Auth.choices, default=Auth.PASSWORD)
    # OAuth 2.0: the access token comes from the provider's token endpoint, by the refresh token a
    # person granted once or, without one, by the app's own client credentials (Microsoft 365).
    oauth_token_url = models.URLField(_("OAuth token URL"), max_length=500, blank=True)
    oauth_client_id = models.CharField(_("OAuth client ID"), max_length=255, blank=True)
    oauth_client_secret = models.CharField(_("OAuth client secret"), max_length=500, blank=True)
    oauth_refresh_token = models.TextField(_("OAuth refresh token"), blank=True)
    oauth_scope = models.CharField(_("OAuth scope"), max_length=500, blank=True)
    imap_folder = models.CharField(_("folder to fetch"), max_length=255, default="INBOX")
    after_fetch = models.CharField(max_length=8, choices=AfterFetch.choices, default=AfterFetch.MOVE)
    processed_folder = models.CharField(_("processed folder"), max_length=255, default="Serviceloop")
    is_active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Messages over MAIL_MAX_BYTES left in the folder at the last complete poll: uid, size, sender,
    # subject and date, read from their headers (see channels.mail.too_large).
    waiting_too_large = models.JSONField(_("too large to fetch"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>"


class MailBlock(models.Model):
    """A sender whose mail is stored but never turned into tickets: an address or a whole @domain."""

    pattern = models.CharField(
        _("address or @domain"),
        max_length=255,
        unique=True,
        help_text=_("e.g. spam@example.com or @example.com"),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pattern"]
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")

    def __str__(self) -> str:
        return self.pattern
