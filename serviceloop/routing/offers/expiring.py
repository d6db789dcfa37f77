"""Offers nobody answered in time: our own expert takes the ticket up."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events
from serviceloop.notifications.services import Text, notify
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services.history import record

from ..models import HandOff, SupplierOffer, Tier
from ..tiers import escalate_unanswered
from .register import own_expert_for

RULE = "supplier offer"
SWEEP_LIMIT = 500  # offers handled per sweep; the rest wait a minute for the next


def take_up_ourselves(ticket: Ticket, offer: SupplierOffer, reason: str) -> HandOff | None:
    """Escalate to our own expert: the one the register suggests, else the expert tier's team. A
    ticket already with an expert or a manager stays there and its assignee is told instead."""
    tried = _("Offered to %(supplier)s at %(at)s.") % {
        "supplier": offer.supplier,
        "at": timezone.localtime(offer.offered_at).strftime("%Y-%m-%d %H:%M"),
    }
    expert = own_expert_for(ticket, timezone.now())
    hand_off = escalate_unanswered(ticket, Tier.EXPERT, reason, tried, rule=RULE, assignee_id=expert)
    if hand_off is None and ticket.assignee is not None:
        notify([ticket.assignee], "routing.offer_lapsed",
               lambda user: Text(_("%(number)s: %(reason)s") % {"number": ticket.number, "reason": reason}),
               ticket=ticket, urgent=True)  # fmt: skip
    return hand_off


def _expire(offer: SupplierOffer, now: datetime) -> bool:
    with transaction.atomic():
        # Conditional: several workers may sweep at once, and the supplier may answer at this moment.
        if not SupplierOffer.objects.filter(pk=offer.pk, state=SupplierOffer.State.OPEN).update(
            state=SupplierOffer.State.EXPIRED, closed_at=now
        ):
            return False
        ticket = Ticket.objects.select_related("organisation", "contact", "product_model", "assignee").get(
            pk=offer.ticket_id
        )
        record(ticket, events.ROUTING_OFFER_EXPIRED, None, Channel.SYSTEM, field="supplier",
               new=offer.supplier.name, data={"supplier": offer.supplier.name})  # fmt: skip
        if not ticket.is_final:
            reason = _("%(supplier)s did not answer by %(due)s.") % {
                "supplier": offer.supplier,
                "due": timezone.localtime(offer.due_at).strftime("%Y-%m-%d %H:%M"),
            }
            take_up_ourselves(ticket, offer, reason)
    return True


def expire_due_offers(now: datetime | None = None) -> int:
    """Close every open offer past its deadline and hand its ticket to our expert; returns how many."""
    now = now or timezone.now()
    due = (
        SupplierOffer.objects.filter(state=SupplierOffer.State.OPEN, due_at__lte=now)
        .select_related("supplier")
        .order_by("due_at")[:SWEEP_LIMIT]
    )
    return sum(_expire(offer, now) for offer in due)
