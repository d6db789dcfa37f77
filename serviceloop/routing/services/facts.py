"""What the rules look at, taken from a ticket (or a sample typed into the tester) once."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from serviceloop.tickets.models import Message, Ticket

from ..models import WarrantyStatus


def fold(text: str) -> str:
    """Text as the rules compare it: compatibility forms unified (full-width letters), case ignored."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def language_tags(language: str) -> frozenset[str]:
    """A language code and its primary part ("zh-Hans" gives zh-hans and zh): a rule for zh holds
    for every kind of Chinese."""
    code = fold(language).strip().replace("_", "-")
    return frozenset({code, code.split("-")[0]}) - {""}


KEYWORD_TEXT_LIMIT = 20_000  # characters of the first message searched for keywords


@dataclass
class TicketFacts:
    """A small snapshot of a ticket: plain values, so 200 rules are tried in pure Python."""

    channel: str = ""
    category: str = ""
    product_line_id: int | None = None
    product_model_id: int | None = None
    product_module_id: int | None = None
    supplier_id: int | None = None
    warranty: str = WarrantyStatus.UNKNOWN
    tier: str = ""
    country: str = ""
    region: str = ""
    languages: frozenset[str] = frozenset()
    subject: str = ""
    # The first message is read only when a rule with keywords is tried.
    body: Callable[[], str] = field(default=lambda: "", repr=False)
    _text: str | None = field(default=None, repr=False)

    def text(self) -> str:
        """Subject and first message as keywords are looked for in them; of a very long message (a
        pasted log) only the start, so dozens of keyword rules stay cheap on it."""
        if self._text is None:
            self._text = fold(f"{self.subject}\n{self.body()[:KEYWORD_TEXT_LIMIT]}")
        return self._text


def supplier_id_of(machine: Any, model: Any) -> int | None:
    """Who stands behind a machine: its own supplier, else its model's."""
    return (machine.supplier_id if machine else None) or (model.supplier_id if model else None)


def warranty_on(warranty_end: date | None, day: date) -> str:
    if warranty_end is None:
        return WarrantyStatus.UNKNOWN
    return WarrantyStatus.IN if day <= warranty_end else WarrantyStatus.OUT


def facts_of(ticket: Ticket, *, message_id: int | None = None, body: str | None = None) -> TicketFacts:
    """The facts of a ticket whose organisation, contact, machine and product rows are loaded (as the
    creator holds a new ticket); the first message's body is read on demand."""
    machine, model, module = ticket.machine, ticket.product_model, ticket.product_module
    organisation, contact = ticket.organisation, ticket.contact
    supplier_id = supplier_id_of(machine, model)  # the ticket's model is the machine's
    line_id = model.line_id if model else (module.line_id if module else None)
    language = (contact.language if contact else "") or organisation.language

    def first_message() -> str:
        if body is not None:
            return body
        messages = Message.objects.filter(ticket_id=ticket.pk, kind=Message.Kind.REPLY)
        if message_id is not None:
            messages = messages.filter(pk=message_id)
        return messages.order_by("created_at", "id").values_list("body", flat=True).first() or ""

    return TicketFacts(
        channel=ticket.channel,
        category=ticket.category,
        product_line_id=line_id,
        product_model_id=ticket.product_model_id,
        product_module_id=ticket.product_module_id,
        supplier_id=supplier_id,
        warranty=warranty_on(machine.warranty_end if machine else None, ticket.received_at.date()),
        tier=organisation.tier,
        country=organisation.country.strip().upper(),
        region=fold(organisation.region).strip(),
        languages=language_tags(language),
        subject=ticket.subject,
        body=first_message,
    )
