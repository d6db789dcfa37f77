"""What each ticket event does to the ticket's clocks. Called inside the ticket's own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from serviceloop.core import events, rows
from serviceloop.core.policy import is_staff
from serviceloop.tickets.models import Channel, Status, Ticket
from serviceloop.tickets.models.ticket import OPEN_STATUS_LIST
from serviceloop.tickets.services import set_due_at
from serviceloop.tickets.services.history import record

from ..metrics import RULES, STARTED_AT_RECEPTION, Metric, starts_at_reception
from ..models import SlaClock, SlaPolicy, TicketPolicy
from . import clocks
from .matching import kept_choice, policy_for, target_for

# Logged by staff while the customer is on the line or on site: answered the moment it was received.
ANSWERED_ON_RECEPTION = frozenset({Channel.PHONE, Channel.ONSITE, Channel.EXECUTIVE})
# Promises that begin when the ticket reaches a status; True: begin again at each arrival.
_STARTED_BY_STATUS: dict[str, tuple[tuple[str, bool], ...]] = {
    Status.ESCALATED: ((Metric.EXPERT_REPLY, True), (Metric.REMOTE_CONTACT, False)),
    Status.RESOLVED: ((Metric.FOLLOW_UP, True),),
}
_LIVE = (SlaClock.State.RUNNING, SlaClock.State.PAUSED)


def load_ticket(ticket_id: int) -> Ticket:
    return Ticket.objects.select_related("organisation", "machine", "product_model", "created_by").get(
        pk=ticket_id
    )


def _clocks(ticket: Ticket) -> dict[str, SlaClock]:
    return {c.metric: c for c in SlaClock.objects.filter(ticket=ticket).select_related("calendar", "policy")}


def _new(ticket: Ticket, policy: SlaPolicy | None, metric: str, at: datetime) -> SlaClock | None:
    target = target_for(policy, metric, ticket)
    if policy is None or target is None:
        return None
    clock = clocks.new_clock(ticket.pk, metric, policy, target, at)
    if ticket.status in RULES[metric].pause_in:
        clock.state, clock.running_since, clock.paused_at = SlaClock.State.PAUSED, None, at
        clocks.place(clock)
    return clock


def _start(ticket: Ticket, policy: SlaPolicy | None, metric: str, at: datetime) -> SlaClock | None:
    clock = _new(ticket, policy, metric, at)
    if clock is not None:
        clock.save()
        _wake_if_soon(clock)
    return clock


def _wake_if_soon(*started: SlaClock) -> None:
    """A clock due before the scheduler's next sweep gets a timer of its own, after commit."""
    from .deadlines import wake_if_soon

    moments = [(clock.pk, clock.next_check_at) for clock in started]

    def wake() -> None:
        for pk, moment in moments:
            wake_if_soon(pk, moment)

    transaction.on_commit(wake)


def refresh_due_at(ticket: Ticket) -> None:
    """The ticket's next deadline is the earliest due time of its running clocks."""
    due = (
        SlaClock.objects.filter(ticket=ticket, state=SlaClock.State.RUNNING)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    set_due_at(ticket, due)


@dataclass
class Opening:
    """A new ticket's policy and first clocks, worked out before its row is written."""

    policy: SlaPolicy | None
    clocks: list[SlaClock]

    @property
    def first_due(self) -> datetime | None:
        running = [c.due_at for c in self.clocks if c.state == SlaClock.State.RUNNING and c.due_at]
        return min(running, default=None)


# Where `prepare_opening` leaves the Opening on the unsaved ticket for `ticket_created` to write.
_OPENING = "_sla_opening"


def prepare_opening(ticket: Ticket) -> None:
    """Before a new ticket is written: its first deadline goes in with the INSERT, so the row is not
    updated again at once (on PostgreSQL an UPDATE of an indexed column rewrites every index entry)."""
    opening = _opening(ticket)
    setattr(ticket, _OPENING, opening)
    ticket.due_at = opening.first_due


def _opening(ticket: Ticket) -> Opening:
    policy = policy_for(ticket)
    if policy is None:
        return Opening(None, [])
    owed = [m for m in STARTED_AT_RECEPTION if starts_at_reception(m, ticket.category)]
    started = [c for c in (_new(ticket, policy, m, ticket.received_at) for m in owed) if c]
    answered = ticket.channel in ANSWERED_ON_RECEPTION and ticket.created_by and is_staff(ticket.created_by)
    for clock in started:
        if answered and clock.metric == Metric.FIRST_RESPONSE:
            clocks.close(clock, ticket.received_at)
    return Opening(policy, started)


def ticket_created(ticket_id: int, created: Ticket | None = None) -> None:
    """Apply the policy and start the clocks; `created` is the new ticket as its creator holds it
    (its related rows already loaded, its Opening prepared), which spares reads and work on the
    busiest write path."""
    ticket = created if isinstance(created, Ticket) and created.pk == ticket_id else load_ticket(ticket_id)
    opening = ticket.__dict__.pop(_OPENING, None) or _opening(ticket)
    rows.insert(TicketPolicy(ticket=ticket, policy=opening.policy, matched_at=timezone.now()))
    if opening.policy is None:
        return
    record(ticket, events.SLA_POLICY_APPLIED, None, "", field="sla_policy", new=opening.policy.name)
    for clock in opening.clocks:
        clock.ticket_id = ticket.pk
    # One INSERT for all of them, made once: this runs inside every ticket creation.
    rows.insert_many(opening.clocks)
    _wake_if_soon(*opening.clocks)
    set_due_at(ticket, opening.first_due)


def message_added(ticket_id: int, *, public: bool, by_customer: bool, at: datetime) -> None:
    if by_customer:
        return
    ticket = load_ticket(ticket_id)
    current = _clocks(ticket)
    expert = current.get(Metric.EXPERT_REPLY)
    if expert is not None:
        clocks.finish(expert, at)
    if public:
        first = current.get(Metric.FIRST_RESPONSE)
        if first is not None:
            clocks.finish(first, at)
        update = current.get(Metric.NEXT_UPDATE)
        if update is None:
            policy = _policy(ticket)
            if ticket.status not in RULES[Metric.NEXT_UPDATE].met_by_status:
                _start(ticket, policy, Metric.NEXT_UPDATE, at)
        elif update.state in _LIVE:
            clocks.finish(update, at)
            clocks.restart(update, at)
            _wake_if_soon(update)
    refresh_due_at(ticket)


def _policy(ticket: Ticket) -> SlaPolicy | None:
    applied = TicketPolicy.objects.filter(ticket=ticket).select_related("policy__calendar").first()
    return applied.policy if applied else None


def status_changed(ticket_id: int, old: str, new: str, at: datetime) -> None:
    ticket = load_ticket(ticket_id)
    current = _clocks(ticket)
    if new in (Status.CANCELLED, Status.MERGED):
        for clock in current.values():
            clocks.finish(clock, at, SlaClock.State.STOPPED)
        refresh_due_at(ticket)
        return
    for metric, clock in current.items():
        rules = RULES[metric]
        if new in rules.met_by_status:
            clocks.finish(clock, at)
        elif new in rules.stopped_by_status:
            clocks.finish(clock, at, SlaClock.State.STOPPED)
        elif new in rules.pause_in:
            clocks.pause(clock, at)
        elif clock.state == SlaClock.State.PAUSED or (new == Status.REOPENED and metric == Metric.RESOLUTION):
            clocks.resume(clock, at)
    _start_on_arrival(ticket, current, new, at)
    refresh_due_at(ticket)


def _start_on_arrival(ticket: Ticket, current: dict[str, SlaClock], new: str, at: datetime) -> None:
    """Promises that begin when the ticket reaches a status: each escalation, and the follow-up."""
    for metric, again in _STARTED_BY_STATUS.get(new, ()):
        _begin(ticket, current.get(metric), metric, at, again=again)


def _begin(ticket: Ticket, existing: SlaClock | None, metric: str, at: datetime, *, again: bool) -> None:
    """Start the promise; one that ran before starts a new cycle if `again`, or if it is over."""
    if existing is None:
        _start(ticket, _policy(ticket), metric, at)
    elif again or existing.state not in _LIVE:
        clocks.finish(existing, at)
        clocks.restart(existing, at)
        _wake_if_soon(existing)


def milestone_reached(ticket_id: int, milestone: str, at: datetime) -> None:
    """A recorded milestone meets the promises waiting for it and starts those that begin with it."""
    ticket = load_ticket(ticket_id)
    current = _clocks(ticket)
    for metric, rules in RULES.items():
        if rules.met_by_milestone == milestone and metric in current:
            clocks.finish(current[metric], at)
        if rules.started_by_milestone == milestone and not ticket.is_final:
            _begin(ticket, current.get(metric), metric, at, again=False)
    refresh_due_at(ticket)


def ticket_changed(ticket_id: int, at: datetime) -> None:
    """Fields in a policy's conditions may have changed: apply the policy that matches now."""
    ticket = load_ticket(ticket_id)
    # Locked: a re-match after a directory change and a ticket edit at once record it once.
    locked = TicketPolicy.objects.select_for_update(of=("self",)).filter(ticket=ticket)
    applied = locked.select_related("policy").first()
    if applied is None or ticket.is_final:
        return
    policy = kept_choice(applied) or policy_for(ticket)
    if applied.policy_id == (policy.pk if policy else None):
        return
    old_name = applied.policy.name if applied.policy else ""
    applied.policy, applied.matched_at = policy, at
    applied.save(update_fields=["policy", "matched_at"])
    record(ticket, events.SLA_POLICY_APPLIED, None, "", field="sla_policy", old=old_name,
           new=policy.name if policy else "")  # fmt: skip
    current = _clocks(ticket)
    for metric, clock in current.items():
        target = target_for(policy, metric, ticket)
        if policy is None or target is None:
            clocks.finish(clock, at, SlaClock.State.STOPPED)
        elif clock.state in _LIVE:
            clocks.retarget(clock, policy, target, at)
            _wake_if_soon(clock)
    for metric in STARTED_AT_RECEPTION:
        if not starts_at_reception(metric, ticket.category):
            continue
        if metric not in current and ticket.status not in RULES[metric].met_by_status:
            _start(ticket, policy, metric, ticket.received_at)
    refresh_due_at(ticket)


def rematch_open_tickets(*, organisation_id: int | None = None, machine_id: int | None = None) -> int:
    """Apply the policy that matches now to every open ticket of an organisation or a machine whose
    fields (tier, country, region, warranty) the policies look at; returns how many were looked at."""
    tickets = Ticket.objects.filter(status__in=OPEN_STATUS_LIST)
    if organisation_id is not None:
        tickets = tickets.filter(organisation_id=organisation_id)
    if machine_id is not None:
        tickets = tickets.filter(machine_id=machine_id)
    count = 0
    for ticket_id in tickets.values_list("pk", flat=True).iterator():
        with transaction.atomic():  # one ticket at a time: a long list never holds one long lock
            ticket_changed(ticket_id, timezone.now())
        count += 1
    return count
