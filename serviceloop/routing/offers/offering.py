"""Offering a ticket to the supplier whose product it is about, with a deadline for its answer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden
from serviceloop.customers.models import Supplier
from serviceloop.notifications.services import Text, notify
from serviceloop.sla.metrics import Metric
from serviceloop.sla.services.promises import promised_by
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services.history import record

from ..models import SupplierOffer, WarrantyStatus
from ..services.facts import supplier_id_of, warranty_on
from .register import contacts_for

KIND_OFFERED = "routing.offered"


def supplier_of(ticket: Ticket) -> Supplier | None:
    """The partner or supplier behind the ticket's machine (its own, else its model's)."""
    supplier_id = supplier_id_of(ticket.machine, ticket.product_model)
    return Supplier.objects.filter(pk=supplier_id).first() if supplier_id else None


def handler_of(ticket: Ticket, day: date) -> tuple[Supplier, str] | None:
    """The supplier that handles the ticket's machine on `day` and why: its service contract, or the
    machine's warranty when the supplier handles its products in warranty. None when we do."""
    supplier = supplier_of(ticket)
    if supplier is None or supplier.kind == Supplier.Kind.OWN:
        return None
    if supplier.service_contract_until is not None and day <= supplier.service_contract_until:
        return supplier, SupplierOffer.Reason.CONTRACT
    warranty_end = ticket.machine.warranty_end if ticket.machine else None
    if supplier.handles_in_warranty and warranty_on(warranty_end, day) == WarrantyStatus.IN:
        return supplier, SupplierOffer.Reason.WARRANTY
    return None


def reply_deadline(ticket: Ticket, at: datetime) -> datetime:
    """The ticket's "expert reply" promise on its calendar, else SUPPLIER_REPLY_MINUTES around the clock."""
    promised = promised_by(ticket, Metric.EXPERT_REPLY, at)
    return promised or at + timedelta(minutes=settings.SUPPLIER_REPLY_MINUTES)


def open_offer(ticket: Ticket) -> SupplierOffer | None:
    return SupplierOffer.objects.filter(ticket=ticket, state=SupplierOffer.State.OPEN).first()


def offer_to_supplier(
    actor: Any, ticket: Ticket, *, automatic: bool = False, channel: str = Channel.CONSOLE
) -> SupplierOffer | None:
    """Offer `ticket` to its machine's supplier; `automatic` when a new ticket is offered to the
    supplier that handles it (None when no supplier handles it, or nobody is in its register)."""
    if not automatic and not policy.can_edit_ticket(actor):
        raise Forbidden(_("You may not offer tickets to suppliers."))
    now = timezone.now()
    handled = handler_of(ticket, timezone.localdate(now))
    if automatic and handled is None:
        return None
    supplier = handled[0] if handled else supplier_of(ticket)
    if supplier is None or supplier.kind == Supplier.Kind.OWN:
        raise Conflict(_("The ticket's machine has no partner or supplier behind it to offer it to."),
                       field="supplier")  # fmt: skip
    if ticket.is_final:
        raise Conflict(_("%(number)s is closed; it is not offered to anyone.") % {"number": ticket.number})
    contacts = list(contacts_for(supplier.pk, ticket))
    if not contacts:
        if automatic:
            return None
        raise Conflict(_("%(supplier)s has no available technical contact in the expert register.")
                       % {"supplier": supplier}, field="supplier")  # fmt: skip
    reason = handled[1] if handled else SupplierOffer.Reason.MANUAL
    people = [contact.user for contact in contacts if contact.user]
    return _create(actor, ticket, supplier, reason, now, people, Channel.SYSTEM if automatic else channel)


def _create(actor: Any, ticket: Ticket, supplier: Supplier, reason: str, now: datetime,
            people: list[Any], channel: str) -> SupplierOffer:  # fmt: skip
    due_at = reply_deadline(ticket, now)
    try:
        with transaction.atomic():
            offer = SupplierOffer.objects.create(
                ticket=ticket, supplier=supplier, reason=reason, offered_by=actor if actor else None,
                offered_at=now, due_at=due_at,
            )  # fmt: skip
    except IntegrityError:
        raise Conflict(_("%(number)s is already offered to a supplier; wait for its answer.")
                       % {"number": ticket.number}, field="supplier") from None  # fmt: skip
    record(ticket, events.ROUTING_OFFERED, actor, channel, field="supplier", new=supplier.name,
           data={"supplier": supplier.name, "reason": reason, "due_at": due_at.isoformat()})  # fmt: skip

    def render(user: Any) -> Text:
        local_due = timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M")
        return Text(_("%(number)s is offered to %(supplier)s: please answer by %(due)s")
                    % {"number": ticket.number, "supplier": supplier, "due": local_due})  # fmt: skip

    notify(people, KIND_OFFERED, render, ticket=ticket, urgent=True)
    return offer


def withdraw_offer(ticket: Ticket, *, reason: str) -> bool:
    """End the open offer without anyone's answer (the ticket was closed or cancelled meanwhile)."""
    ended = SupplierOffer.objects.filter(ticket=ticket, state=SupplierOffer.State.OPEN).update(
        state=SupplierOffer.State.WITHDRAWN, closed_at=timezone.now(), note=reason[:500]
    )
    if ended:
        record(ticket, events.ROUTING_OFFER_WITHDRAWN, None, Channel.SYSTEM, data={"reason": reason})
    return bool(ended)
