"""One generated ticket as plain rows: the ticket, its conversation and its history.

Values follow the same rules the services apply (priority from `priority_for`, status-dependent
timestamps and assignment, search document as `refresh_search_document` builds it), but nothing
here calls a service: one ticket through the services costs dozens of queries, which would make a
million tickets take days. The demo loader is the place where tickets go through the services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from serviceloop.accounts.models import User
from serviceloop.demo import texts
from serviceloop.demo.cast import Cast
from serviceloop.demo.people import ENGINEERING, L1_DESK
from serviceloop.demo.plans import OUTCOMES
from serviceloop.tickets.models import Channel, Impact, Message, Status, Urgency
from serviceloop.tickets.priority import priority_for

from .content import Writer

S = Status
_OLD = ([S.CLOSED, S.CANCELLED, S.RESOLVED, S.PENDING_CUSTOMER, S.IN_PROGRESS], [85, 8, 4, 2, 1])
# Merging needs a live target ticket, so generated tickets are never merged.
_RECENT = ([s for s, _, _ in OUTCOMES if s != S.MERGED], [w for s, w, _ in OUTCOMES if s != S.MERGED])
_ENGINEERING_WORK = {S.ESCALATED, S.SOLUTION_PROPOSED, S.SOLUTION_APPROVED, S.IN_PROGRESS}
_URGENCY = ([Urgency.LOW, Urgency.NORMAL, Urgency.HIGH, Urgency.CRITICAL], [15, 50, 25, 10])
_IMPACT = ([Impact.MINOR, Impact.DEGRADED, Impact.STOPPED], [50, 35, 15])
_CHANNELS = ([Channel.PHONE, Channel.EMAIL, Channel.PORTAL, Channel.CHAT, Channel.API], [30, 35, 15, 10, 10])
_DUE_HOURS = {1: 4, 2: 24, 3: 72, 4: 120}
LONG_CONVERSATION = 50  # replies on the 1% of tickets the ticket-page benchmark opens


# Column order of the rows below; the writer adds ticket ids and defaults for anything not named.
MESSAGE_FIELDS = ("ticket_id", "kind", "author_id", "author_name", "channel", "body", "created_at")
EVENT_FIELDS = ("ticket_id", "name", "actor_id", "channel", "at", "field", "old_value", "new_value")
NOTE, REPLY = Message.Kind.NOTE.value, Message.Kind.REPLY.value


@dataclass
class Draft:
    ticket: dict[str, Any]  # field attname -> value; id, number and search_document come at write time
    texts: list[str]  # for the search document: subject, names, serial, model, public bodies
    messages: list[tuple] = field(default_factory=list)  # MESSAGE_FIELDS without ticket_id
    events: list[tuple] = field(default_factory=list)  # EVENT_FIELDS without ticket_id
    tag_ids: list[int] = field(default_factory=list)


def _status(rng: random.Random, age: timedelta) -> str:
    return rng.choices(*(_OLD if age > timedelta(days=60) else _RECENT))[0]


def _times(rng: random.Random, start: datetime, end: datetime, count: int) -> list[datetime]:
    span = (end - start).total_seconds()
    return [start + timedelta(seconds=s) for s in sorted(rng.uniform(60, span) for _ in range(count))]


def _pk(obj: Any) -> int | None:
    return obj.pk if obj is not None else None


class Drafter:
    def __init__(self, cast: Cast, tag_ids: list[int]):
        self.cast, self.tag_ids = cast, tag_ids
        self.orgs = [o for o in cast.organisations if cast.machines.get(o.pk) and cast.contacts.get(o.pk)]
        users = cast.users
        self.l1 = {False: users["agent"], True: users["agent2"]}
        self.engineers = {False: [users["engineer"], users["expert"]], True: [users["engineer2"]]}
        self.teams = {False: cast.teams[L1_DESK], True: cast.teams[ENGINEERING]}

    def draft(self, rng: random.Random, received: datetime, now: datetime) -> Draft:
        org = rng.choice(self.orgs)
        chinese = self.cast.chinese(org)
        machine, contact = rng.choice(self.cast.machines[org.pk]), rng.choice(self.cast.contacts[org.pk])
        problem = rng.choice(texts.PROBLEMS)
        module = rng.choice(self.cast.modules.get(machine.model.line_id) or [None]) if problem.fault else None
        writer = Writer(rng, machine, module, chinese)
        subject, body = writer.opening(problem)
        status = _status(rng, now - received)
        urgency, impact = rng.choices(*_URGENCY)[0], rng.choices(*_IMPACT)[0]
        priority = priority_for(urgency, impact)
        customer = self.cast.customers.get(org.pk)
        channel = rng.choices(*_CHANNELS)[0]
        if channel == Channel.PORTAL and customer is None:
            channel = Channel.EMAIL
        l1 = self.l1[chinese]
        engineering = status in _ENGINEERING_WORK
        worker = rng.choice(self.engineers[chinese]) if engineering else l1
        finished = status in {S.RESOLVED, S.CLOSED, S.CANCELLED}
        end = min(now, received + timedelta(hours=rng.uniform(1, 480))) if finished else now
        created_by = customer if channel == Channel.PORTAL else l1
        ticket = dict(
            subject=subject, organisation_id=org.pk, contact_id=contact.pk, machine_id=machine.pk,
            product_model_id=machine.model_id, product_module_id=_pk(module), channel=str(channel),
            category=problem.category,
            fault_type_id=self.cast.faults[problem.fault].pk if problem.fault else None,
            urgency=str(urgency), impact=str(impact), priority=priority, status=str(status),
            resume_status=S.OPEN.value if status == S.PENDING_CUSTOMER else "",
            team_id=None if status == S.NEW else self.teams[engineering].pk,
            assignee_id=None if status in {S.NEW, S.CANCELLED} else worker.pk,
            created_by_id=_pk(created_by), received_at=received, created_at=received, updated_at=end,
            due_at=None if finished else received + timedelta(hours=_DUE_HOURS[priority]),
            resolved_at=end if status in {S.RESOLVED, S.CLOSED} else None,
            closed_at=min(now, end + timedelta(days=2)) if status == S.CLOSED else None,
        )  # fmt: skip
        draft = Draft(ticket, [subject, org.name, contact.name, machine.serial_number, machine.model.code])
        author_name = "" if channel == Channel.PORTAL else contact.name
        draft.messages.append((REPLY, _pk(created_by), author_name, str(channel), body, received))
        draft.texts.append(body)
        self._conversation(rng, draft, writer, end, author_name, worker.pk, customer or l1)
        self._history(rng, draft, l1.pk, worker.pk)
        if rng.random() < 0.15:
            draft.tag_ids = rng.sample(self.tag_ids, rng.randint(1, 2))
        return draft

    def _conversation(self, rng: random.Random, draft: Draft, writer: Writer, end: datetime,
                      contact_name: str, worker_id: int, customer_voice: User) -> None:  # fmt: skip
        """Replies alternate between us and the customer, with internal notes in between."""
        t = draft.ticket
        if rng.random() < 0.01:
            replies = LONG_CONVERSATION
        else:
            replies = 0 if t["status"] == S.NEW else rng.randint(1, 6)
        # Without a portal login the customer's mails are filed by the agent under the sender's name.
        by_portal = customer_voice.role == "customer"
        customer_row = (customer_voice.pk, "" if by_portal else contact_name,
                        Channel.PORTAL.value if by_portal else Channel.EMAIL.value)  # fmt: skip
        for i, at in enumerate(_times(rng, t["received_at"], end, replies)):
            if rng.random() < 0.2:
                draft.messages.append(
                    (NOTE, worker_id, "", Channel.CONSOLE.value, writer.say(texts.NOTES), at)
                )
                continue
            if i % 2:
                author_id, name, channel = customer_row
                text = writer.say(texts.CUSTOMER_REPLIES)
            else:
                author_id, name, channel = worker_id, "", Channel.EMAIL.value
                text = writer.say(texts.STAFF_REPLIES)
            draft.messages.append((REPLY, author_id, name, channel, text, at))
            draft.texts.append(text)

    def _history(self, rng: random.Random, draft: Draft, l1_id: int, worker_id: int) -> None:
        t, console = draft.ticket, Channel.CONSOLE.value
        events = [("ticket.created", t["created_by_id"], t["channel"], t["received_at"], "", "", "")]
        for kind, author_id, _, channel, _, at in draft.messages[1:]:
            events.append(("ticket.note_added" if kind == NOTE else "ticket.replied", author_id, channel, at,
                           "", "", ""))  # fmt: skip
        if t["status"] != S.NEW:
            taken = t["received_at"] + timedelta(minutes=rng.uniform(2, 90))
            events.append(("ticket.transitioned", l1_id, console, taken, "status", S.NEW.value, S.OPEN.value))
            events.append(("ticket.assigned", l1_id, console, taken, "assignee", "", str(l1_id)))
        if t["status"] not in {S.NEW, S.OPEN}:
            at = t["resolved_at"] or t["updated_at"]
            events.append(
                ("ticket.transitioned", worker_id, console, at, "status", S.OPEN.value, t["status"])
            )
        t["version"] = len(events)
        draft.events = events
