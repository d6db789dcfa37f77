"""Reading the expert register: whom an offer goes to, and which of our experts takes over."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from serviceloop.accounts.models import Absence
from serviceloop.accounts.models.skills import language_codes
from serviceloop.core import policy
from serviceloop.core.errors import Forbidden
from serviceloop.customers.models import Supplier
from serviceloop.tickets.models import Ticket

from ..assignment.eligibility import ticket_language
from ..models import ExpertContact


def _product_line(ticket: Ticket) -> int | None:
    model = ticket.product_model if ticket.product_model_id else None
    return model.line_id if model else None


def _knows(line_id: int | None) -> Q:
    if line_id is None:
        return Q()
    return Q(product_lines__isnull=True) | Q(product_lines=line_id)


def contacts_for(supplier_id: int, ticket: Ticket) -> QuerySet[ExpertContact]:
    """The supplier's active contacts who know the ticket's product line (or every line), most
    available first; those marked unavailable are left out."""
    return (
        ExpertContact.objects.filter(_knows(_product_line(ticket)), company_id=supplier_id, active=True)
        .exclude(availability=ExpertContact.Availability.UNAVAILABLE)
        .select_related("user")
        .distinct()
        .order_by("availability", "name")
    )


def _speaks(contact: ExpertContact, language: str) -> bool:
    spoken = {code.split("-")[0].lower() for code in language_codes(contact.languages)}
    return not language or not spoken or language.split("-")[0].lower() in spoken


def own_expert_for(ticket: Ticket, at: datetime) -> int | None:
    """The login of one of our own experts for the ticket: available, not away, knowing its product
    line, speaking the customer's language if any of them does. None when the register has nobody."""
    away = Absence.objects.filter(user=OuterRef("user_id"), starts_at__lte=at, ends_at__gt=at)
    candidates = [
        contact
        for contact in ExpertContact.objects.filter(
            _knows(_product_line(ticket)), company__kind=Supplier.Kind.OWN, active=True,
            availability=ExpertContact.Availability.AVAILABLE, user__is_active=True,
        ).exclude(Exists(away)).distinct().order_by("name", "pk")
    ]  # fmt: skip
    language = ticket_language(ticket)
    speaking = [contact for contact in candidates if _speaks(contact, language)]
    chosen = (speaking or candidates)[:1]
    return chosen[0].user_id if chosen else None


def register_for(user: object, *, kind: str = "", product_line: int | None = None, language: str = "",
                 query: str = "") -> QuerySet[ExpertContact]:  # fmt: skip
    """The register as staff read it (partners and customers may not: it holds private phone numbers),
    filtered by the company's kind, a product line (contacts for every line included), a language
    and a piece of name, company or city."""
    if not policy.is_staff(user):
        raise Forbidden(_("Only the service desk reads the expert register."))
    contacts = ExpertContact.objects.filter(active=True).select_related("company", "user")
    if kind:
        contacts = contacts.filter(company__kind=kind)
    if product_line is not None:
        contacts = contacts.filter(_knows(product_line)).distinct()
    if language:
        main = language.split("-")[0].lower()
        contacts = contacts.filter(Q(languages="") | Q(languages__icontains=main))
    if query:
        contacts = contacts.filter(
            Q(name__icontains=query) | Q(company__name__icontains=query) | Q(city__icontains=query)
        )
    return contacts.order_by("company__name", "name", "pk")
