"""Offering a ticket to the supplier that handles the product, and our own expert taking it up when
the supplier does not answer in time."""

from .answering import answer_offer, decline_offer
from .expiring import expire_due_offers
from .offering import handler_of, offer_to_supplier, open_offer, reply_deadline, withdraw_offer
from .reading import Offers, offers_for
from .register import contacts_for, own_expert_for, register_for

__all__ = [
    "Offers",
    "answer_offer",
    "contacts_for",
    "decline_offer",
    "expire_due_offers",
    "handler_of",
    "offer_to_supplier",
    "offers_for",
    "open_offer",
    "own_expert_for",
    "register_for",
    "reply_deadline",
    "withdraw_offer",
]
