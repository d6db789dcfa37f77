from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The unique index on Message-ID leaves out mails without one; a query must repeat this condition
# (word for word, for SQLite's planner) to be answered from it.
HAS_MESSAGE_ID = ~models.Q(message_id="")


class InboundMail(models.Model):
    """One received e-mail, kept byte for byte before anything reads it.

    A mail is stored once: the same Message-ID or the same bytes delivered again only counts a
    delivery. Processing records its outcome here; a failed mail keeps its reason and can be retried.
    """

    class Source(models.TextChoices):
        IMAP = "imap", _("IMAP")
        SMTP = "smtp", _("SMTP/LMTP")
        PIPE = "pipe", _("Command line")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        IGNORED = "ignored", _("Ignored")
        FAILED = "failed", _("Failed")

    source = models.CharField(max_length=8, choices=Source.choices)
    mailbox = models.ForeignKey(
        "channels.Mailbox", null=True, blank=True, on_delete=models.SET_NULL, related_name="mails"
    )
    raw = models.BinaryField(_("raw message"))
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, unique=True)
    message_id = models.CharField(max_length=998, blank=True, help_text=_("Without angle brackets"))
    received_at = models.DateTimeField(default=timezone.now)
    deliveries = models.PositiveIntegerField(default=1, help_text=_("How often the same mail arrived"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.RECEIVED)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it failed or was ignored"))
    attempts = models.PositiveIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    from_address = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound_mails"
    )
    ticket_message = models.ForeignKey(
        "tickets.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id"], condition=HAS_MESSAGE_ID, name="inboundmail_message_id_uniq"
            )
        ]
        indexes = [
            models.Index(fields=["state", "received_at"], name="inboundmail_state_idx"),
            # The rate limit counts a sender's processed mail of the last hour from this index alone.
            models.Index(fields=["from_address", "state", "received_at"], name="inboundmail_sender_idx"),
        ]
        verbose_name = _("received e-mail")
        verbose_name_plural = _("received e-mails")

    def __str__(self) -> str:
        return f"<{self.message_id}>" if self.message_id else f"mail {self.pk}"
