from datetime import UTC, datetime

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NO_DEADLINE = datetime(9999, 12, 31, tzinfo=UTC)


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Web portal")
    CHAT = "chat", _("Chat")
    ONSITE = "onsite", _("On site")
    API = "api", _("API")
    EXECUTIVE = "executive", _("Executive hotline")
    CONSOLE = "console", _("Agent console")
    SYSTEM = "system", _("System")


class Category(models.TextChoices):
    PRODUCT = "product", _("Product question")
    ORDER = "order", _("Order")
    TECHNICAL = "technical", _("Technical fault")
    COMPLAINT = "complaint", _("Complaint")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class Impact(models.TextChoices):
    MINOR = "minor", _("Minor: work goes on")
    DEGRADED = "degraded", _("Degraded: production slowed")
    STOPPED = "stopped", _("Stopped: the customer's business has stopped")


class Status(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    PENDING_CUSTOMER = "pending_customer", _("Pending customer")
    WAITING_FOR_PARTS = "waiting_for_parts", _("Waiting for parts")
    ESCALATED = "escalated", _("Escalated")
    SOLUTION_PROPOSED = "solution_proposed", _("Solution proposed")
    SOLUTION_APPROVED = "solution_approved", _("Solution approved")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_VERIFICATION = "awaiting_verification", _("Waiting for customer verification")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    CANCELLED = "cancelled", _("Cancelled")
    MERGED = "merged", _("Merged")


FINAL_STATUSES = frozenset({Status.CLOSED, Status.CANCELLED, Status.MERGED})
OPEN_STATUSES = frozenset(set(Status) - FINAL_STATUSES - {Status.RESOLVED})
# Waiting on someone else: the ticket returns to the status it left (its resume_status) afterwards.
PARKED_STATUSES = frozenset({Status.PENDING_CUSTOMER, Status.WAITING_FOR_PARTS})
# Sorted, so the partial indexes' condition (and their migration) is the same on every run.
OPEN_STATUS_LIST = sorted(str(s) for s in OPEN_STATUSES)


class Ticket(models.Model):
    number = models.CharField(_("number"), max_length=32, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=255)
    organisation = models.ForeignKey(
        "customers.Organisation",
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("organisation"),
        db_index=False,  # ticket_org_idx starts with it
    )
    contact = models.ForeignKey(
        "customers.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    machine = models.ForeignKey(
        "customers.Machine", null=True, blank=True, on_delete=models.PROTECT, related_name="tickets"
    )
    product_model = models.ForeignKey(
        "customers.ProductModel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,  # ticket_model_idx starts with it
    )
    product_module = models.ForeignKey(
        "customers.ProductModule", null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    fault_type = models.ForeignKey(
        "tickets.FaultType", null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    impact = models.CharField(_("impact"), max_length=10, choices=Impact.choices, default=Impact.MINOR)
    priority = models.PositiveSmallIntegerField(_("priority"), default=4, help_text=_("1 is the most urgent"))
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.NEW)
    resume_status = models.CharField(max_length=24, choices=Status.choices, blank=True, editable=False)
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        db_index=False,  # ticket_team_queue_idx starts with it
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
        db_index=False,  # ticket_assignee_queue_idx starts with it
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True, help_text=_("The next deadline"))
    # The queues sort by deadline with undated tickets last. SQLite cannot read an index in
    # "NULLS LAST" order, so both databases sort by this stored copy that has no NULLs instead.
    due_sort = models.GeneratedField(
        expression=Coalesce("due_at", Value(NO_DEADLINE, output_field=models.DateTimeField())),
        output_field=models.DateTimeField(),
        db_persist=True,
    )
    # Pinned above every queue while something about it cannot wait (an emergency nobody has taken).
    pinned_at = models.DateTimeField(_("pinned since"), null=True, blank=True, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = models.ManyToManyField("tickets.Tag", blank=True, related_name="tickets")
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="watched_tickets")
    version = models.PositiveIntegerField(default=1, editable=False)
    search_document = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["priority", "due_sort", "received_at"]
        indexes = [
            models.Index(fields=["status", "priority", "due_sort", "id"], name="ticket_queue_idx"),
            models.Index(fields=["team", "status", "priority", "due_sort"], name="ticket_team_queue_idx"),
            models.Index(
                fields=["assignee", "status", "priority", "due_sort"], name="ticket_assignee_queue_idx"
            ),
            # "All their tickets" and "tickets of this model" lists, in the queue's default order.
            models.Index(
                fields=["organisation", "priority", "due_sort", "received_at", "id"], name="ticket_org_idx"
            ),
            models.Index(
                fields=["product_model", "priority", "due_sort", "received_at", "id"], name="ticket_model_idx"
            ),
            models.Index(fields=["received_at"], name="ticket_received_idx"),
            models.Index(
                fields=["pinned_at"], condition=models.Q(pinned_at__isnull=False), name="ticket_pinned_idx"
            ),
            # Keyset pagination for each sort order of tickets.services.listing.SORTS.
            models.Index(
                fields=["priority", "due_sort", "received_at", "id"], name="ticket_priority_sort_idx"
            ),
            models.Index(fields=["due_sort", "priority", "id"], name="ticket_due_sort_idx"),
            models.Index(fields=["updated_at", "id"], name="ticket_updated_sort_idx"),
            # The default queue (all open tickets by priority) reads this small partial index in order.
            models.Index(
                fields=["priority", "due_sort", "received_at", "id"],
                condition=models.Q(status__in=OPEN_STATUS_LIST),
                name="ticket_open_queue_idx",
            ),
        ]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_emergency(self) -> bool:
        return self.impact == Impact.STOPPED

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES
