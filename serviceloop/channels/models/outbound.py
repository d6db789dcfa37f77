from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundMail(models.Model):
    """One e-mail we send, rendered once and kept, so a retry sends the very same bytes."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="outbound_mails")
    ticket_message = models.ForeignKey(
        "tickets.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=32, help_text=_("Which template: created, replied, acknowledged..."))
    message_id = models.CharField(max_length=255, unique=True, help_text=_("Without angle brackets"))
    sender = models.CharField(max_length=320)
    recipients = models.TextField(help_text=_("One address per line"))
    subject = models.CharField(max_length=255)
    raw = models.BinaryField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="outboundmail_ticket_idx"),
            models.Index(fields=["state", "next_attempt_at"], name="outboundmail_state_idx"),
        ]
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self) -> str:
        return f"<{self.message_id}>"


class MailTemplate(models.Model):
    """An administrator's wording of one kind of mail in one language; files give the defaults."""

    kind = models.CharField(_("kind"), max_length=32)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"), help_text=_("Django template syntax; {{ ticket.number }} etc."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="mailtemplate_kind_lang_uniq")
        ]
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"
