"""Playing one demo ticket's life through the ticket services, then moving it back into the past.

Going through `create_ticket`, `add_message`, `transition` and `assign` keeps numbering, history,
search documents and every capability's reaction to ticket events exactly as in real use. The
services stamp rows with the current time, so after each step the rows it wrote are re-dated to
the step's planned moment with a plain UPDATE.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from serviceloop.accounts.models import User
from serviceloop.routing.models import Tier
from serviceloop.routing.tiers import escalate
from serviceloop.solutions import services as plans
from serviceloop.solutions.models import SolutionPlan
from serviceloop.tickets.models import Channel, Commitment, Message, Ticket, TicketEvent
from serviceloop.tickets.services import NewTicket, add_message, assign, create_ticket, transition

from . import texts
from .cast import Cast
from .people import ENGINEERING, EXPERTS, FIELD_SERVICE, L1_DESK
from .plans import Plan

_STAFF_CHANNELS = {Channel.PHONE, Channel.EMAIL, Channel.CHAT, Channel.ONSITE, Channel.API, Channel.EXECUTIVE}


def _step_times(rng: random.Random, start: datetime, now: datetime, count: int) -> list[datetime]:
    """`count` increasing moments after `start`, hours apart, squeezed to end before `now`."""
    gaps = [rng.uniform(0.3, 30) for _ in range(count)]
    room = (now - start).total_seconds() / 3600 * 0.9
    scale = min(1.0, room / sum(gaps)) if gaps else 1.0
    times, at = [], start
    for gap in gaps:
        at += timedelta(hours=gap * scale)
        times.append(at)
    return times


class Story:
    def __init__(self, rng: random.Random, cast: Cast, plan: Plan, open_by_org: dict[int, list[Ticket]]):
        self.rng, self.cast, self.plan, self.open_by_org = rng, cast, plan, open_by_org
        users = cast.users
        self.l1: User = users["agent2" if plan.chinese else "agent"]
        self.worker: User = self.l1
        self.engineer, self.team = (
            (users["engineer2"], ENGINEERING)
            if plan.chinese
            else rng.choice([(users["engineer"], ENGINEERING), (users["expert"], EXPERTS)])
        )
        self.customer: User | None = cast.customers.get(plan.organisation.pk)
        self.partner: User | None = cast.partner_for(plan.machine)
        self.ticket: Ticket

    def run(self, now: datetime) -> Ticket:
        self._create()
        resolved_at = closed_at = None
        times = _step_times(self.rng, self.plan.received_at, now, len(self.plan.steps))
        when = self.plan.received_at
        for step, when in zip(self.plan.steps, times, strict=True):
            since = timezone.now()
            getattr(self, f"_{step}")()
            self._redate(since, when)
            resolved_at = None if self.ticket.resolved_at is None else resolved_at or when
            closed_at = None if self.ticket.closed_at is None else closed_at or when
        Ticket.objects.filter(pk=self.ticket.pk).update(
            created_at=self.plan.received_at, updated_at=when, resolved_at=resolved_at, closed_at=closed_at
        )
        if resolved_at:
            Commitment.objects.filter(ticket=self.ticket).update(fulfilled_at=resolved_at)
        if not self.ticket.is_final:
            self.open_by_org.setdefault(self.plan.organisation.pk, []).append(self.ticket)
        return self.ticket

    def _redate(self, since: datetime, when: datetime) -> None:
        TicketEvent.objects.filter(ticket=self.ticket, at__gte=since).update(at=when)
        Message.objects.filter(ticket=self.ticket, created_at__gte=since).update(created_at=when)
        SolutionPlan.objects.filter(ticket=self.ticket, created_at__gte=since).update(created_at=when)
        SolutionPlan.objects.filter(ticket=self.ticket, updated_at__gte=since).update(updated_at=when)
        SolutionPlan.objects.filter(ticket=self.ticket, submitted_at__gte=since).update(submitted_at=when)
        SolutionPlan.objects.filter(ticket=self.ticket, reviewed_at__gte=since).update(reviewed_at=when)

    def _create(self) -> None:
        plan, problem = self.plan, self.plan.problem
        subject, body = problem.zh if plan.chinese else problem.en
        by_customer = plan.channel == Channel.PORTAL and self.customer is not None
        actor = self.customer if by_customer and self.customer else self.l1
        contact = plan.contact
        if by_customer:
            contact = next(
                (c for c in self.cast.contacts[plan.organisation.pk] if c.user_id == actor.pk), contact
            )
        draft = NewTicket(
            subject=plan.fill(subject), body=plan.fill(body), channel=plan.channel,
            organisation_id=plan.organisation.pk, contact_id=contact.pk if contact else None,
            machine_id=plan.machine.pk if plan.machine else None,
            product_module_id=plan.module.pk if plan.module else None,
            fault_type_id=self.cast.faults[problem.fault].pk if problem.fault else None,
            category=problem.category, urgency=plan.urgency, impact=plan.impact,
            team_id=None if by_customer else self.cast.teams[L1_DESK].pk,
            received_at=plan.received_at, tags=plan.tags, commitments=plan.commitments,
            # A call or mail logged by an agent carries the caller's words under the caller's name.
            author_name=contact.name if contact and plan.channel in _STAFF_CHANNELS else "",
        )  # fmt: skip
        since = timezone.now()
        self.ticket = create_ticket(actor, draft)
        self._redate(since, plan.received_at)
        Commitment.objects.filter(ticket=self.ticket).update(made_at=plan.received_at)

    def _say(self, options: dict[str, list[str]]) -> str:
        return self.plan.pick(self.rng, options)

    def _move(self, actor: User, action: str, channel: str = Channel.CONSOLE, **kwargs: Any) -> None:
        transition(actor, self.ticket, action, channel=channel, **kwargs)

    # Steps named in plans.PATHS
    def _take(self) -> None:
        self._move(self.l1, "take")

    def _reply(self) -> None:
        add_message(self.worker, self.ticket, self._say(texts.STAFF_REPLIES), channel=Channel.EMAIL)

    def _note(self) -> None:
        add_message(self.worker, self.ticket, self._say(texts.NOTES), internal=True)

    def _partner_note(self) -> None:
        add_message(self.partner or self.worker, self.ticket, self._say(texts.NOTES), internal=True)

    def _customer_says(self, options: dict[str, list[str]]) -> None:
        if self.customer is not None:
            # The service moves a pending ticket back by itself when the customer answers.
            add_message(self.customer, self.ticket, self._say(options), channel=Channel.PORTAL)
            return
        name = self.plan.contact.name if self.plan.contact else ""
        add_message(self.l1, self.ticket, self._say(options), channel=Channel.EMAIL, author_name=name)
        if self.ticket.status == "pending_customer":
            self._move(self.l1, "customer_replied", Channel.EMAIL)

    def _customer(self) -> None:
        self._customer_says(texts.CUSTOMER_REPLIES)

    def _thanks(self) -> None:
        self._customer_says(texts.THANKS)

    def _escalate(self) -> None:
        escalate(self.l1, self.ticket, Tier.ENGINEER, "Needs an engineer.", self._say(texts.NOTES),
                 team=self.cast.teams[self.team].pk, assignee=self.engineer.pk)  # fmt: skip
        self.worker = self.engineer

    def _propose(self) -> None:
        author = self.partner if self.partner and self.rng.random() < 0.4 else self.worker
        solution = self._say(texts.SOLUTIONS)
        add_message(author, self.ticket, solution, internal=True)
        # Proposing a solution is submitting a written plan; its review moves the ticket on.
        content = plans.PlanContent.of(
            cause=self._say(texts.NOTES), steps=[solution], delivery=self.rng.choice(["remote", "on_site"]),
            estimated_hours=self.rng.choice([2, 4, 6]),
        )  # fmt: skip
        plans.submit(author, plans.start_version(author, self.ticket, content))

    def _approver(self) -> User:
        return self.cast.users[self.rng.choice(["supervisor", "manager"])]

    def _approve(self) -> None:
        plan = plans.latest_plan(self.ticket)
        assert plan is not None
        plans.review(self._approver(), plan, "approve", "Approved, go ahead.")

    def _reject(self) -> None:
        plan = plans.latest_plan(self.ticket)
        assert plan is not None
        plans.review(self._approver(), plan, "reject", "Check the cheaper option first.")

    def _start(self) -> None:
        self._move(self.worker, "start_work")
        if self.rng.random() < 0.4:
            field_tech = self.cast.users["engineer2" if self.plan.chinese else "fieldtech"]
            assign(
                self.worker, self.ticket, team_id=self.cast.teams[FIELD_SERVICE].pk, assignee_id=field_tech.pk
            )
            self.worker = field_tech

    def _wait(self) -> None:
        add_message(self.worker, self.ticket, self._say(texts.STAFF_REPLIES), channel=Channel.EMAIL)
        self._move(self.worker, "wait_for_customer")

    def _verify(self) -> None:
        add_message(self.worker, self.ticket, self._say(texts.VERIFY), channel=Channel.EMAIL)
        self._move(self.worker, "request_verification")

    def _by_customer(self, action: str) -> None:
        if self.customer is not None:
            self._move(self.customer, action, Channel.PORTAL)
        else:
            self._move(self.l1, action, Channel.PHONE)

    def _confirm(self) -> None:
        self._by_customer("confirm_fix")

    def _reopen(self) -> None:
        self._by_customer("reopen")

    def _resolve(self) -> None:
        self._move(self.worker, "resolve", comment="Solved.")

    def _close(self) -> None:
        self._move(self.l1, "close")

    def _cancel(self) -> None:
        self._move(self.l1, "cancel", comment="The customer solved it themselves.")

    def _merge(self) -> None:
        earlier = [t for t in self.open_by_org.get(self.plan.organisation.pk, []) if not t.is_final]
        if not earlier:
            self._cancel()
            return
        self._move(self.l1, "merge", comment="Same problem as an open ticket.", merge_into=earlier[-1].number)
