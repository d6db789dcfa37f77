"""Finding a caller's organisation from whatever they say first: a name, phone, e-mail or serial number."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Replace

from serviceloop.core import policy
from serviceloop.core.nul import contains_nul
from serviceloop.customers.models import Contact, Machine, Organisation
from serviceloop.tickets.services import TicketFilter, filter_tickets

LIMIT = 10
MACHINES_EACH = 8
CONTACTS_EACH = 4
TICKETS_EACH = 5
_PHONE_LIKE = re.compile(r"^[+\d\s\-()/.]{3,}$")
_PHONE_PUNCTUATION = (" ", "-", "(", ")", "/", ".", "+")


def _digits_only(field: str) -> Any:
    """The phone column with its punctuation removed, so "+49 30 1234" matches "49301234"."""
    expression: Any = F(field)
    for char in _PHONE_PUNCTUATION:
        expression = Replace(expression, Value(char), Value(""))
    return expression


def _matching_contacts(fragment: str) -> QuerySet[Contact]:
    match = Q(name__icontains=fragment) | Q(email__icontains=fragment)
    if _PHONE_LIKE.match(fragment):
        digits = re.sub(r"\D", "", fragment)
        contacts = Contact.objects.alias(
            phone_digits=_digits_only("phone"), mobile_digits=_digits_only("mobile")
        )
        return contacts.filter(match | Q(phone_digits__contains=digits) | Q(mobile_digits__contains=digits))
    return Contact.objects.filter(match)


def _first_if(condition: Q) -> Case:
    return Case(When(condition, then=Value(0)), default=Value(1), output_field=IntegerField())


def find_organisations(user: Any, fragment: str, limit: int = LIMIT) -> list[Organisation]:
    """Organisations the user may see matching `fragment`, each with a few machines, contacts and open
    tickets (those matching the fragment first) in `lookup_machines`, `lookup_contacts`, `lookup_tickets`.

    Four queries whatever the number of results.
    """
    fragment = fragment.strip()
    if not fragment or contains_nul(fragment):
        # Nobody's name holds a NUL, and PostgreSQL could not even compare one: nothing matches.
        return []
    contacts = _matching_contacts(fragment)
    machines = Machine.objects.filter(serial_number__icontains=fragment)
    organisations = policy.visible_organisations(user, Organisation.objects.all()).filter(
        Q(name__icontains=fragment)
        | Q(pk__in=contacts.values("organisation_id"))
        | Q(pk__in=machines.values("organisation_id"))
    )
    machine_rows = policy.visible_machines(user, Machine.objects.select_related("model")).order_by(
        _first_if(Q(serial_number__icontains=fragment)), "serial_number"
    )
    contact_rows = Contact.objects.order_by(_first_if(Q(pk__in=contacts.values("pk"))), "name")
    open_tickets = filter_tickets(user, TicketFilter(view="open", sort="newest")).only(
        "number", "subject", "status", "priority", "impact", "organisation_id", "received_at"
    )
    return list(
        organisations.order_by("name").prefetch_related(
            Prefetch("machines", queryset=machine_rows[:MACHINES_EACH], to_attr="lookup_machines"),
            Prefetch("contacts", queryset=contact_rows[:CONTACTS_EACH], to_attr="lookup_contacts"),
            Prefetch("tickets", queryset=open_tickets[:TICKETS_EACH], to_attr="lookup_tickets"),
        )[:limit]
    )
