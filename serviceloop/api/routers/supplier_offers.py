"""Offering a ticket to the supplier that handles the product, its answer, and the expert register."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from serviceloop.routing import offers
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import get_visible_ticket

from ..auth import actor
from ..errors import responses
from ..schemas.offers import ExpertContactOut, ExpertQuery, OfferAnswerIn, SupplierOfferOut, SupplierOffersOut

router = Router(tags=["supplier offers"])


def _ticket(request: HttpRequest, ref: str) -> Ticket:
    return get_visible_ticket(actor(request), ref)


@router.get("/experts", response=responses({200: list[ExpertContactOut]}, 403))
def list_experts(request: HttpRequest, filters: Query[ExpertQuery]):
    """The expert register (staff only): our experts and partners', suppliers', brands' and freelance
    technical contacts, with their product lines, languages, city, phones and availability."""
    contacts = offers.register_for(
        actor(request), kind=filters.kind, product_line=filters.product_line, language=filters.language,
        query=filters.q,
    )  # fmt: skip
    return list(contacts.prefetch_related("product_lines")[:500])


@router.get("/tickets/{ref}/supplier-offers", response=responses({200: SupplierOffersOut}, 403, 404))
def list_supplier_offers(request: HttpRequest, ref: str):
    """The ticket's offers to suppliers, newest first, and (for staff) the contacts to call."""
    shown = offers.offers_for(actor(request), _ticket(request, ref))
    return {"items": shown.items, "contacts": shown.contacts}


@router.post("/tickets/{ref}/supplier-offers", response=responses({201: SupplierOfferOut}, 403, 404, 409))
def offer_ticket(request: HttpRequest, ref: str):
    """Offer the ticket to its machine's supplier now (409 when one is open, or there is nobody to ask)."""
    offer = offers.offer_to_supplier(actor(request), _ticket(request, ref), channel=Channel.API)
    return Status(201, offer)


@router.post(
    "/tickets/{ref}/supplier-offers/answer", response=responses({200: SupplierOfferOut}, 400, 403, 404, 409)
)
def answer_ticket_offer(request: HttpRequest, ref: str, payload: OfferAnswerIn):
    """The supplier takes the ticket up (its technician, or staff recording a phone answer)."""
    return offers.answer_offer(actor(request), _ticket(request, ref), note=payload.note, channel=Channel.API)


@router.post(
    "/tickets/{ref}/supplier-offers/decline", response=responses({200: SupplierOfferOut}, 400, 403, 404, 409)
)
def decline_ticket_offer(request: HttpRequest, ref: str, payload: OfferAnswerIn):
    """The supplier will not take it, with a reason: our own expert takes it up at once."""
    return offers.decline_offer(actor(request), _ticket(request, ref), payload.note, channel=Channel.API)
