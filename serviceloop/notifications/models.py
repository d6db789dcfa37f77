from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a member of staff must know about a ticket: shown in the console, and mailed.

    Stored before it is mailed, so a mail server that is down loses nothing: the console shows it and
    the mail is tried again."""

    class Mail(models.TextChoices):
        NONE = "none", _("Not mailed")
        PENDING = "pending", _("Waiting to be mailed")
        SENDING = "sending", _("Being mailed")
        SENT = "sent", _("Mailed")
        FAILED = "failed", _("Mail failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("e-mail"), max_length=8, choices=Mail.choices, default=Mail.NONE)
    mail_tries = models.PositiveSmallIntegerField(default=0)
    mail_claimed_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The console's bell: a person's unread notifications, newest first.
            models.Index(
                fields=["recipient", "-created_at"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_recipient_idx"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(mail__in=["pending", "sending"]),
                name="notification_mail_idx",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title
