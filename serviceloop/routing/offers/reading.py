"""What the ticket page and the API show of a ticket's offers to suppliers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Forbidden
from serviceloop.customers.models import Supplier
from serviceloop.tickets.models import Ticket

from ..models import ExpertContact, SupplierOffer
from .offering import supplier_of
from .register import contacts_for


@dataclass
class Offers:
    items: list[SupplierOffer]
    # The contacts to call for the open offer (staff only: their phones are private).
    contacts: list[ExpertContact] = field(default_factory=list)
    # Staff may offer the ticket by hand when nothing is open and its machine has a supplier.
    may_offer: bool = False
    # The reader speaks for the supplier of the open offer (or is staff recording its answer).
    may_answer: bool = False


def offers_for(user: Any, ticket: Ticket) -> Offers:
    """The ticket's offers as `user` may see them: staff all, a partner's technician their own
    company's; customers none (routing is the service side's business)."""
    if not (policy.is_staff(user) or policy.is_partner(user)):
        raise Forbidden(_("Offers to suppliers are shown to the service desk and the supplier only."))
    offers = SupplierOffer.objects.filter(ticket=ticket).select_related(
        "supplier", "offered_by", "answered_by"
    )
    if policy.is_partner(user):
        offers = offers.filter(supplier_id=user.supplier_id)
    items = list(offers)
    open_one = next((o for o in items if o.state == SupplierOffer.State.OPEN), None)
    if policy.is_partner(user):
        return Offers(items, may_answer=open_one is not None)
    contacts = []
    if open_one is not None:
        contacts = list(contacts_for(open_one.supplier_id, ticket).prefetch_related("product_lines"))
    editable = policy.can_edit_ticket(user) and not ticket.is_final
    has_supplier = editable and open_one is None and _has_partner(ticket)
    return Offers(items, contacts, may_offer=has_supplier, may_answer=editable and open_one is not None)


def _has_partner(ticket: Ticket) -> bool:
    supplier = supplier_of(ticket)
    return supplier is not None and supplier.kind != Supplier.Kind.OWN
