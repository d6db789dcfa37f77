from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ticket import Channel


class Message(models.Model):
    """One entry of the conversation: a public reply or an internal note."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Public reply")
        NOTE = "note", _("Internal note")

    # message_ticket_idx (ticket, created_at) serves every lookup by ticket.
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.REPLY)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(
        max_length=200, blank=True, help_text=_("When written by someone without a login")
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    body = models.TextField(_("text"), help_text=_("Stored as received; sanitised when shown"))
    created_at = models.DateTimeField(default=timezone.now)
    # A partner's technician reads the public replies and only the internal notes shared with them
    # (their own always are).
    shared_with_partner = models.BooleanField(_("shared with the partner"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="message_ticket_idx")]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return _("%(kind)s on %(ticket)s") % {"kind": self.get_kind_display(), "ticket": self.ticket_id}

    @property
    def is_internal(self) -> bool:
        return self.kind == self.Kind.NOTE
