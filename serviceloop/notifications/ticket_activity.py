"""Telling the people who follow a ticket what happened on it: its assignee and its watchers.

Nobody hears of their own doing, and nobody hears of what they may not see (a partner who watches a
ticket that is no longer about its products, an internal note). Mail goes only where someone must act:
a ticket given to you, or a customer's answer on a ticket you have; the rest waits in the console."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serviceloop.accounts.models import User
from serviceloop.core import events, policy
from serviceloop.core.events import DomainEvent
from serviceloop.tickets.models import Status, Ticket

from .services import Text, notify


def _ticket(event: DomainEvent) -> Ticket:
    ticket = event.ticket if isinstance(event.ticket, Ticket) else None
    return ticket or Ticket.objects.select_related("assignee").get(pk=event.ticket_id)


def _followers(ticket: Ticket, *, internal: bool = False, shared: bool = False) -> list[Any]:
    people: list[Any] = list(ticket.watchers.filter(is_active=True))
    if ticket.assignee_id is not None:
        people.append(ticket.assignee)
    allowed = []
    for person in {p.pk: p for p in people if p is not None}.values():
        if internal and not policy.can_read_note(person, shared):
            continue
        if (
            policy.is_staff(person)
            or policy.visible_tickets(person, Ticket.objects.filter(pk=ticket.pk)).exists()
        ):
            allowed.append(person)
    return allowed


def _others(people: list[Any], actor_id: int | None) -> list[Any]:
    return [person for person in people if person.pk != actor_id]


def _title(text: str, ticket: Ticket) -> str:
    return f"{ticket.number} {ticket.subject}: {text}"


@events.subscribe(events.TICKET_REPLIED)
def replied(event: DomainEvent) -> None:
    ticket = _ticket(event)
    by_customer = bool(event.data.get("by_customer"))
    people = _others(_followers(ticket), event.actor_id)

    def render(user: Any) -> Text:
        what = _("the customer answered") if by_customer else _("a reply was sent to the customer")
        return Text(_title(what, ticket))

    # The assignee must act on a customer's answer: mailed. Everything else waits in the console.
    must_act = [p for p in people if by_customer and p.pk == ticket.assignee_id]
    notify(must_act, "ticket.replied", render, ticket=ticket)
    notify([p for p in people if p not in must_act], "ticket.replied", render, ticket=ticket, mail=False)


@events.subscribe(events.TICKET_NOTE_ADDED)
def note_added(event: DomainEvent) -> None:
    ticket = _ticket(event)
    people = _others(_followers(ticket, internal=True, shared=bool(event.data.get("shared"))), event.actor_id)
    notify(people, "ticket.note_added", lambda user: Text(_title(_("an internal note was added"), ticket)),
           ticket=ticket, mail=False)  # fmt: skip


def _tell_assignee(ticket: Ticket, assignee_id: int, actor_id: int | None) -> None:
    if assignee_id == actor_id:
        return  # taking a ticket oneself needs no message
    person = User.objects.filter(pk=assignee_id, is_active=True).first()
    notify([person], "ticket.assigned", lambda user: Text(_title(_("assigned to you"), ticket)),
           ticket=ticket)  # fmt: skip


@events.subscribe(events.TICKET_CREATED)
def created(event: DomainEvent) -> None:
    ticket = _ticket(event)
    if ticket.assignee_id is not None:  # most tickets arrive unassigned: no query for them
        _tell_assignee(ticket, ticket.assignee_id, event.actor_id)


def _tell_previous_assignee(ticket: Ticket, previous_id: int, new_id: int | None) -> None:
    """Whoever had the ticket learns it is no longer theirs (someone took it over, or a rule or a
    supervisor moved it), in the console: there is nothing left for them to do."""
    person = User.objects.filter(pk=previous_id, is_active=True).first()
    successor = User.objects.filter(pk=new_id).first() if new_id else None

    def render(user: Any) -> Text:
        if successor is None:
            return Text(_title(_("no longer assigned to you"), ticket))
        return Text(_title(_("now assigned to %(name)s") % {"name": successor}, ticket))

    notify([person], "ticket.reassigned", render, ticket=ticket, mail=False)


@events.subscribe(events.TICKET_ASSIGNED)
def assigned(event: DomainEvent) -> None:
    if event.data.get("field") != "assignee":
        return
    new = int(event.data["new"]) if event.data.get("new") else None
    if new is not None:
        _tell_assignee(_ticket(event), new, event.actor_id)
    old = int(event.data["old"]) if event.data.get("old") else None
    if old is not None and old not in (new, event.actor_id):
        _tell_previous_assignee(_ticket(event), old, new)


@events.subscribe(events.TICKET_TRANSITIONED)
def status_changed(event: DomainEvent) -> None:
    ticket = _ticket(event)
    people = _others(_followers(ticket), event.actor_id)
    new = event.data.get("new", "")

    def render(user: Any) -> Text:
        label = Status(new).label if new in Status.values else new  # in the reader's language
        return Text(_title(_("now %(status)s") % {"status": label}, ticket))

    notify(people, "ticket.transitioned", render, ticket=ticket, mail=False)
