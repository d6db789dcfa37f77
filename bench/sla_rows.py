"""Rows for `bench.sla_timers`: open tickets with their SLA clocks, written by PostgreSQL itself.

One INSERT ... SELECT over generate_series per chunk writes the tickets, their policy rows and two
clocks each (first response, resolution) in one transaction, so a million tickets take minutes and an
interrupted run resumes after its last whole chunk. Nothing here calls a service (see bench/tickets.py
for why); the clocks hold what `clocks.place` would compute on the bench's around-the-clock calendar,
so a clock the scheduler checks is placed again where it already is.

Shape of the clocks: first response met for all but the new tickets; resolution paused for the
tickets waiting for the customer, already breached on one in 25 of the rest, otherwise running. Every
running clock's next moment lies 1 hour to 30 days ahead, except the resolution clock of every 300th
ticket, which `place_due_soon` puts within the next minutes before each measurement.
"""

from __future__ import annotations

from datetime import datetime, time

from django.db import connection, transaction

NUMBER_PREFIX = "SLB-"  # generated tickets; the ticket services number theirs SL-<year>-...
DUE_SOON_EVERY = 300
FAR_DAYS = 30  # running clocks' next moments are spread over this many days, from one hour ahead
CALENDAR_NAME = "Bench: around the clock (UTC)"
POLICY_NAME = "Bench: SLA timers"
POLICY_TARGETS = {"first_response": 60, "resolution": 240}  # minutes
# One slot per ticket number modulo 20; slot 0 must run its resolution clock (the due-soon tickets).
STATUSES = (["open"] * 9 + ["in_progress"] * 4 + ["new"] * 2 + ["escalated"] * 2
            + ["pending_customer"] * 2 + ["awaiting_verification"])  # fmt: skip
SUBJECTS = [
    "Spindle alarm 2041 after tool change", "Hydraulic pressure drops under load",
    "Coolant pump noise at high speed", "Axis drift after warm-up", "主轴异响，高速运转时报警",
    "Control panel freezes on start-up", "Request for a maintenance visit", "液压系统漏油",
]  # fmt: skip

_CHUNK_SQL = """
WITH src AS (
    SELECT i,
           %(now)s::timestamptz - random() * interval '30 days' AS received,
           (%(statuses)s::text[])[1 + mod(i, 20)] AS status,
           1 + mod(i::bigint * 7919, cardinality(%(orgs)s::bigint[])) AS who,
           1 + mod(i * 31, cardinality(%(grades)s::text[])) AS grade
    FROM generate_series(%(first)s::int, %(last)s::int) AS i
), tickets AS (
    INSERT INTO tickets_ticket (number, subject, channel, category, urgency, impact, priority, status,
        resume_status, received_at, created_at, updated_at, version, search_document, organisation_id,
        contact_id, team_id, assignee_id, created_by_id)
    SELECT %(prefix)s || lpad(i::text, 7, '0'),
           (%(subjects)s::text[])[1 + mod(i, cardinality(%(subjects)s::text[]))],
           'email', 'technical',
           split_part((%(grades)s::text[])[grade], ':', 1), split_part((%(grades)s::text[])[grade], ':', 2),
           split_part((%(grades)s::text[])[grade], ':', 3)::smallint, status,
           CASE WHEN status = 'pending_customer' THEN 'open' ELSE '' END,
           received, received, received, 3,
           (%(subjects)s::text[])[1 + mod(i, cardinality(%(subjects)s::text[]))],
           (%(orgs)s::bigint[])[who], (%(contacts)s::bigint[])[who],
           CASE WHEN status = 'new' THEN NULL ELSE %(team)s::bigint END,
           CASE WHEN status = 'new' THEN NULL ELSE %(agent)s::bigint END, %(agent)s::bigint
    FROM src
    RETURNING id, number, status, received_at
), policies AS (
    INSERT INTO sla_ticketpolicy (ticket_id, policy_id, matched_at)
    SELECT id, %(policy)s, received_at FROM tickets
), kinds AS (
    SELECT t.id AS ticket_id, m.metric, t.received_at AS received,
           CASE
               WHEN m.metric = 'first_response' AND t.status <> 'new' THEN 'met'
               WHEN m.metric = 'first_response' THEN 'running'
               WHEN t.status IN ('pending_customer', 'awaiting_verification') THEN 'paused'
               WHEN mod(right(t.number, 7)::int, 25) = 1
                    AND t.received_at < %(now)s::timestamptz - interval '4 hours' THEN 'breached'
               ELSE 'running'
           END AS kind,
           -- Integer seconds from reception to a due time 1 hour to FAR_DAYS days ahead.
           ceil(extract(epoch FROM %(now)s::timestamptz + interval '1 hour'
                + random() * %(far_days)s * interval '1 day' - t.received_at))::int AS far_target,
           random() AS r
    FROM tickets t CROSS JOIN (VALUES ('first_response'), ('resolution')) AS m(metric)
), timed AS (
    SELECT *,
           CASE kind WHEN 'running' THEN far_target WHEN 'met' THEN 3600 ELSE 14400 END AS target,
           received + CASE kind WHEN 'running' THEN far_target WHEN 'met' THEN 3600 ELSE 14400 END
               * interval '1 second' AS due,
           received + 0.8 * CASE kind WHEN 'running' THEN far_target ELSE 14400 END
               * interval '1 second' AS warn
    FROM kinds
)
INSERT INTO sla_slaclock (ticket_id, metric, policy_id, calendar_id, target_seconds, business_hours,
    warn_at_percent, state, cycle, started_at, elapsed_seconds, running_since, paused_at, paused_seconds,
    due_at, warn_at, warned_at, breached_at, met_at, escalation_level, next_check_at)
SELECT ticket_id, metric, %(policy)s, %(calendar)s, target, true, 80,
       CASE kind WHEN 'met' THEN 'met' WHEN 'paused' THEN 'paused' ELSE 'running' END, 1, received,
       CASE kind WHEN 'met' THEN r * 3000 WHEN 'paused' THEN r * 7200 ELSE 0 END,
       CASE WHEN kind IN ('running', 'breached') THEN received END,
       CASE WHEN kind = 'paused' THEN greatest(received, %(now)s::timestamptz - r * interval '1 day') END,
       0,
       CASE WHEN kind = 'paused' THEN NULL ELSE due END,
       CASE WHEN kind IN ('running', 'breached') THEN warn END,
       CASE WHEN kind = 'breached' OR (kind = 'running' AND warn < %(now)s::timestamptz + interval '2 hours')
            THEN warn END,
       CASE WHEN kind = 'breached' THEN least(%(now)s::timestamptz, due + r * interval '2 minutes') END,
       CASE WHEN kind = 'met' THEN received + r * interval '50 minutes' END,
       0,
       CASE WHEN kind <> 'running' THEN NULL
            WHEN warn < %(now)s::timestamptz + interval '2 hours' THEN due ELSE warn END
FROM timed
"""

# Clocks whose next moment has come near since they were generated (a database kept for --reuse) move
# on by whole periods of FAR_DAYS, so the far-ahead spread stays as generated and no backlog builds up.
_REBASE_SQL = """
UPDATE sla_slaclock c
SET started_at = c.started_at + s.shift, running_since = c.running_since + s.shift,
    due_at = c.due_at + s.shift, warn_at = c.warn_at + s.shift, next_check_at = c.next_check_at + s.shift
FROM (SELECT id, ceil(extract(epoch FROM %(horizon)s::timestamptz - next_check_at) / (%(far_days)s * 86400))
                 * %(far_days)s * interval '1 day' AS shift
      FROM sla_slaclock WHERE next_check_at < %(horizon)s::timestamptz) s
WHERE c.id = s.id
"""

_DUE_SOON_SQL = """
UPDATE sla_slaclock c
SET state = 'running', target_seconds = 14400, elapsed_seconds = 0, started_at = s.due - interval '4 hours',
    running_since = s.due - interval '4 hours', paused_at = NULL, met_at = NULL, breached_at = NULL,
    due_at = s.due, warn_at = s.due - interval '48 minutes', warned_at = s.due - interval '48 minutes',
    escalation_level = 0, next_check_at = s.due
FROM (SELECT c2.id, %(now)s::timestamptz + random() * %(span)s * interval '1 second' AS due
      FROM sla_slaclock c2 JOIN tickets_ticket t ON t.id = c2.ticket_id
      WHERE c2.metric = 'resolution' AND t.number LIKE %(pattern)s
        AND mod(right(t.number, 7)::int, %(every)s) = 0) s
WHERE c.id = s.id
"""


def bench_policy() -> tuple[int, int]:
    """The bench's calendar (every day, all day, UTC) and policy, created once; returns their ids.

    The policy comes after the demo's catch-all one, so tickets opened during the run never get it."""
    from serviceloop.sla.models import BusinessCalendar, OpeningHours, SlaPolicy, SlaTarget

    calendar, created = BusinessCalendar.objects.get_or_create(name=CALENDAR_NAME, time_zone="UTC")
    if created:
        OpeningHours.objects.bulk_create(
            OpeningHours(calendar=calendar, weekday=day, opens=time(0), closes=time(0)) for day in range(7)
        )
        calendar.touch()
    policy, created = SlaPolicy.objects.get_or_create(
        name=POLICY_NAME, defaults={"position": 10_000, "calendar": calendar, "warn_at_percent": 80}
    )
    if created:
        SlaTarget.objects.bulk_create(
            SlaTarget(policy=policy, metric=metric, minutes=minutes, business_hours=True)
            for metric, minutes in POLICY_TARGETS.items()
        )
        policy.touch()
    return calendar.pk, policy.pk


def last_generated() -> int:
    """The number of the last generated ticket; chunks are whole, so it is also how many there are."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(number) FROM tickets_ticket WHERE number LIKE %s", [NUMBER_PREFIX + "%"])
        (number,) = cursor.fetchone()
    return int(number[len(NUMBER_PREFIX) :]) if number else 0


def generate_chunk(first: int, last: int, now: datetime, refs: dict) -> None:
    """Tickets numbered `first`..`last` with their clocks. `refs`: see `references`."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(first % 10_000) / 10_000])  # the same rows on every run
        cursor.execute(_CHUNK_SQL, {**refs, "first": first, "last": last, "now": now,
                                    "statuses": STATUSES, "subjects": SUBJECTS,
                                    "prefix": NUMBER_PREFIX, "far_days": FAR_DAYS})  # fmt: skip


def references(calendar_id: int, policy_id: int) -> dict:
    """Ids the generated rows point at: demo customers and their first contact, an agent, a team."""
    from serviceloop.accounts.models import Team, User
    from serviceloop.core.roles import Role
    from serviceloop.customers.models import Contact
    from serviceloop.tickets.priority import priority_for

    firsts: dict[int, int] = {}
    for org_id, contact_id in Contact.objects.order_by("organisation_id", "id").values_list(
        "organisation_id", "id"
    ):
        firsts.setdefault(org_id, contact_id)
    agent = User.objects.filter(role=Role.AGENT, is_active=True).order_by("id").first()
    team = Team.objects.order_by("id").first()
    if agent is None or team is None or not firsts:
        raise SystemExit("The demo directory has no agent, team or contacts: cannot generate tickets.")
    grades = [f"{u}:{i}:{priority_for(u, i)}" for u in ("low", "normal", "normal", "high", "critical")
              for i in ("minor", "minor", "degraded", "stopped")]  # fmt: skip
    return {
        "orgs": list(firsts), "contacts": list(firsts.values()), "agent": agent.pk, "team": team.pk,
        "grades": grades, "policy": policy_id, "calendar": calendar_id,
    }  # fmt: skip


def rebase(now: datetime, horizon_seconds: int = 1800) -> int:
    """Move clocks due before `now` + the horizon on by whole FAR_DAYS periods; returns how many."""
    from datetime import timedelta

    with connection.cursor() as cursor:
        cursor.execute(
            _REBASE_SQL, {"horizon": now + timedelta(seconds=horizon_seconds), "far_days": FAR_DAYS}
        )
        return cursor.rowcount


def place_due_soon(now: datetime, span_seconds: float) -> int:
    """Give every DUE_SOON_EVERY-th generated ticket's resolution a running clock due within the span."""
    with connection.cursor() as cursor:
        cursor.execute(_DUE_SOON_SQL, {"now": now, "span": span_seconds,
                                       "pattern": NUMBER_PREFIX + "%", "every": DUE_SOON_EVERY})  # fmt: skip
        return cursor.rowcount
