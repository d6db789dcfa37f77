"""Opening a ticket, from any channel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.accounts.models import Team, User
from serviceloop.core import events, policy, rows
from serviceloop.core.errors import Forbidden, InvalidInput
from serviceloop.customers.models import Contact, Machine, Organisation, ProductModel, ProductModule

from ..models import Category, Channel, Commitment, FaultType, Impact, Message, Ticket, Urgency
from ..priority import priority_for
from . import validation as v
from .conversation import Upload, check_uploads, store_uploads
from .history import record
from .numbering import next_ticket_number
from .search_document import numbered_document, unnumbered_document
from .tagging import add_tags, clean_tags, remember_tags


@dataclass
class NewTicket:
    """What a face collected to open a ticket; ids are resolved and checked by `create_ticket`."""

    subject: str
    body: str
    channel: str
    organisation_id: int | None = None
    contact_id: int | None = None
    # The contact's row when the face already holds it (a customer writing by mail): checked like
    # any contact_id, only not read again.
    contact: Contact | None = None
    machine_id: int | None = None
    product_model_id: int | None = None
    product_module_id: int | None = None
    fault_type_id: int | None = None
    category: str = Category.OTHER
    urgency: str = Urgency.NORMAL
    impact: str = Impact.MINOR
    team_id: int | None = None
    intake_team_id: int | None = None  # the team behind the address it came in on, set by the channel
    assignee_id: int | None = None
    received_at: datetime | None = None
    author_name: str = ""
    commitments: list[tuple[str, datetime | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)


def _classification(actor: Any, draft: NewTicket) -> dict[str, Any]:
    if policy.is_customer(actor):
        if not actor.organisation_id:
            raise Forbidden(_("Your login is not linked to a customer organisation; ask us to fix it."))
        organisation = actor.organisation
        if draft.organisation_id not in (None, organisation.pk):
            raise InvalidInput(
                _("organisation_id: you can only open tickets for your own organisation."),
                field="organisation_id",
            )
    else:
        organisation = v.resolve(Organisation, draft.organisation_id, "organisation_id", required=True)
    held = draft.contact
    if held is not None and held.pk == draft.contact_id:
        contact = held
    else:
        contact = v.resolve(Contact, draft.contact_id, "contact_id")
    if contact is not None and contact.organisation_id != organisation.pk:
        raise InvalidInput(_("contact_id: that contact belongs to another organisation."), field="contact_id")
    machine = v.resolve(Machine, draft.machine_id, "machine_id")
    if machine is not None and machine.organisation_id != organisation.pk:
        raise InvalidInput(_("machine_id: that machine belongs to another organisation."), field="machine_id")
    product_model = v.resolve(ProductModel, draft.product_model_id, "product_model_id")
    if machine is not None:
        if product_model is not None and product_model.pk != machine.model_id:
            raise InvalidInput(
                _("product_model_id: the machine is of another model."), field="product_model_id"
            )
        product_model = machine.model
    module = v.resolve(ProductModule, draft.product_module_id, "product_module_id")
    if module is not None and product_model is not None and module.line_id != product_model.line_id:
        raise InvalidInput(
            _("product_module_id: that module is not part of this product line."), field="product_module_id"
        )
    urgency = v.choice(draft.urgency, Urgency, "urgency", Urgency.NORMAL)
    impact = v.choice(draft.impact, Impact, "impact", Impact.MINOR)
    return {
        "organisation": organisation,
        "contact": contact,
        "machine": machine,
        "product_model": product_model,
        "product_module": module,
        "fault_type": v.resolve(FaultType, draft.fault_type_id, "fault_type_id"),
        "category": v.choice(draft.category, Category, "category", Category.OTHER),
        "urgency": urgency,
        "impact": impact,
        "priority": priority_for(urgency, impact),
    }


def _routing(actor: Any, draft: NewTicket) -> dict[str, Any]:
    if policy.is_customer(actor) and (draft.team_id or draft.assignee_id):
        raise InvalidInput(_("Customers cannot choose the team or assignee."), field="team_id")
    assignee = v.resolve(User, draft.assignee_id, "assignee_id")
    if assignee is not None and not policy.can_use_console(assignee):
        raise InvalidInput(
            _("assignee_id: tickets can only be assigned to service staff."), field="assignee_id"
        )
    # A customer may not pick a team, but the support address they wrote to belongs to one.
    team_id = draft.team_id or draft.intake_team_id
    return {"team": v.resolve(Team, team_id, "team_id"), "assignee": assignee}


@dataclass
class Opened:
    ticket: Ticket
    message: Message  # its first message


@dataclass
class CheckedTicket:
    """A draft whose input has been checked and whose related rows have been read: ready to write."""

    actor: Any
    ticket: Ticket  # not saved yet, and without its number, which is taken in the write
    body: str
    document: str  # its search document but for the number
    author_name: str
    commitments: list[tuple[str, datetime | None]]
    tags: list[str]
    uploads: list[Upload]


Preparer = Callable[[Ticket], None]
_preparers: list[Preparer] = []


def prepares_new_tickets(preparer: Preparer) -> Preparer:
    """Decorator: a capability that settles a field a new ticket carries from its first write (the
    service levels' first deadline) registers here, rather than changing the row it just inserted.

    The preparer gets the unsaved ticket before the write transaction; it may read and set fields,
    and keep what it worked out on the instance for its own `ticket.created` subscriber."""
    if preparer not in _preparers:
        _preparers.append(preparer)
    return preparer


def create_ticket(actor: Any, draft: NewTicket) -> Ticket:
    """Open a ticket with its first message. Raises ServiceError subclasses on bad input."""
    return open_ticket(actor, draft).ticket


def open_ticket(actor: Any, draft: NewTicket) -> Opened:
    """`create_ticket`, for a face that goes on with the first message too (mail links it)."""
    return open_checked(check_new_ticket(actor, draft))


def check_new_ticket(actor: Any, draft: NewTicket) -> CheckedTicket:
    """Everything `open_ticket` refuses, refused here, with only reads.

    A face that stores what it received first (see channels.intake) calls this before its write
    transaction: on SQLite, which has one writer at a time, the others then wait only for writes.
    Nothing read here is locked, as on PostgreSQL any read outside SELECT FOR UPDATE is not.
    """
    if not (policy.is_staff(actor) or policy.is_customer(actor)):
        raise Forbidden(_("You may not open tickets."))
    channel = v.choice(draft.channel, Channel, "channel")
    subject = v.text(draft.subject, "subject", max_length=255)
    body = v.text(draft.body, "body", max_length=100_000)
    v.reject_nul(draft.author_name, "author_name")
    fields = {**_classification(actor, draft), **_routing(actor, draft)}
    received_at = v.received_time(draft.received_at)
    commitments = [
        (v.text(p, "commitments", max_length=500), due and v.instant(due, "commitments"))
        for p, due in draft.commitments
    ]
    tags = clean_tags(draft.tags)
    check_uploads(draft.uploads)
    ticket = Ticket(
        subject=subject, channel=channel, received_at=received_at,
        created_by=actor if getattr(actor, "pk", None) else None, **fields,
    )  # fmt: skip
    for prepare in _preparers:
        prepare(ticket)
    return CheckedTicket(
        actor=actor, ticket=ticket, body=body, document=unnumbered_document(ticket, [body]),
        author_name=draft.author_name, commitments=commitments, tags=tags, uploads=draft.uploads,
    )  # fmt: skip


def open_checked(checked: CheckedTicket) -> Opened:
    """Write the ticket `check_new_ticket` accepted, with its first message, in one transaction."""
    actor, ticket, body = checked.actor, checked.ticket, checked.body
    # Nothing in here is expected to fail; without a savepoint of its own, a failure still rolls
    # back the caller's whole transaction (two round trips fewer).
    with transaction.atomic(savepoint=False):
        # The number's row stays locked until the commit: the slow part of the search document
        # (segmenting the text) was done in the check, before it.
        ticket.number = next_ticket_number(ticket.received_at.year)
        ticket.created_at = ticket.updated_at = timezone.now()
        # The whole document is known before the first write, so it goes in with the INSERT.
        ticket.search_document = numbered_document(ticket.number, checked.document)
        rows.insert(ticket)
        message = Message(
            ticket=ticket, kind=Message.Kind.REPLY, author=ticket.created_by, author_name=checked.author_name,
            channel=ticket.channel, body=body, created_at=ticket.received_at,
        )  # fmt: skip
        rows.insert(message)
        store_uploads(actor, ticket, message, checked.uploads)
        for promise, due_at in checked.commitments:
            Commitment.objects.create(
                ticket=ticket, promise=promise, due_at=due_at, made_by=ticket.created_by
            )
        remember_tags(ticket, [])  # a new ticket has none yet: nothing to read back
        if checked.tags:
            add_tags(ticket, checked.tags)
        created = {"message_id": message.pk}
        record(ticket, events.TICKET_CREATED, actor, ticket.channel, data=created, message=message)
    return Opened(ticket, message)
