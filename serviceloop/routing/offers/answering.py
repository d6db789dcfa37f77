"""The supplier's answer to an offer: taken up by one of its technicians, or declined."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.accounts.models import User
from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import validation as v
from serviceloop.tickets.services.history import record

from ..models import SupplierOffer
from .expiring import take_up_ourselves
from .offering import open_offer


def _speaks_for(actor: Any, offer: SupplierOffer) -> bool:
    """The supplier's own technician, or a member of staff recording what the supplier said on the phone."""
    if policy.is_partner(actor):
        return actor.supplier_id == offer.supplier_id
    return policy.can_edit_ticket(actor)


def _the_open_offer(actor: Any, ticket: Ticket) -> SupplierOffer:
    offer = open_offer(ticket)
    if offer is None:
        raise Conflict(_("%(number)s is not waiting for a supplier's answer.") % {"number": ticket.number})
    if not _speaks_for(actor, offer):
        raise Forbidden(_("Only %(supplier)s or the service desk may answer this offer.")
                        % {"supplier": offer.supplier})  # fmt: skip
    return offer


def _close(offer: SupplierOffer, state: str, actor: Any, note: str) -> None:
    """Close the offer once: an answer racing the deadline's sweep is refused rather than counted twice."""
    closed = SupplierOffer.objects.filter(pk=offer.pk, state=SupplierOffer.State.OPEN).update(
        state=state, answered_by=actor, closed_at=timezone.now(), note=note
    )
    if not closed:
        raise Conflict(_("The offer was closed meanwhile; reload the ticket."))
    offer.refresh_from_db()


def answer_offer(
    actor: Any, ticket: Ticket, *, note: Any = "", channel: str = Channel.CONSOLE
) -> SupplierOffer:
    """The supplier takes the question up: the deadline stops, and our experts are not called in."""
    note = v.text(note, "note", max_length=500, required=False)
    with transaction.atomic():
        offer = _the_open_offer(actor, ticket)
        _close(offer, SupplierOffer.State.ANSWERED, actor, note)
        record(ticket, events.ROUTING_OFFER_ANSWERED, actor, channel, field="supplier",
               new=offer.supplier.name, data={"supplier": offer.supplier.name, "note": note})  # fmt: skip
    return offer


def decline_offer(actor: Any, ticket: Ticket, note: Any, *, channel: str = Channel.CONSOLE) -> SupplierOffer:
    """The supplier will not take it (with a reason): our own expert takes it up at once."""
    note = v.text(note, "note", max_length=500)
    with transaction.atomic():
        offer = _the_open_offer(actor, ticket)
        _close(offer, SupplierOffer.State.DECLINED, actor, note)
        record(ticket, events.ROUTING_OFFER_DECLINED, actor, channel, field="supplier",
               new=offer.supplier.name, data={"supplier": offer.supplier.name, "note": note})  # fmt: skip
        reason = _("%(supplier)s declined: %(note)s") % {"supplier": offer.supplier, "note": note}
        take_up_ourselves(ticket, offer, reason)
    return offer


def answered_by_activity(ticket_id: int, actor_id: int | None) -> bool:
    """A reply or note on the ticket by one of the supplier's technicians answers its offer."""
    if actor_id is None:
        return False
    offer = (
        SupplierOffer.objects.filter(ticket_id=ticket_id, state=SupplierOffer.State.OPEN)
        .select_related("supplier", "ticket")
        .first()
    )
    technician = User.objects.filter(pk=actor_id).first() if offer else None
    if offer is None or technician is None or not policy.is_partner(technician):
        return False
    if technician.supplier_id != offer.supplier_id:
        return False
    closed = SupplierOffer.objects.filter(pk=offer.pk, state=SupplierOffer.State.OPEN).update(
        state=SupplierOffer.State.ANSWERED, answered_by=technician, closed_at=timezone.now()
    )
    if closed:
        record(offer.ticket, events.ROUTING_OFFER_ANSWERED, technician, Channel.SYSTEM, field="supplier",
               new=offer.supplier.name, data={"supplier": offer.supplier.name})  # fmt: skip
    return bool(closed)
