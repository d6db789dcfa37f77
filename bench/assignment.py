"""Least-loaded assignment in a team of 200: `python -m bench.assignment [--tickets N]`.

PostgreSQL only, in a database of the bench's own (--database-url; its name must contain "bench"): it is
created and migrated here, made anew when it exists unless --reuse keeps it (and tops it up to N
tickets), and dropped at the end unless --keep.

1. Data: a team of --agents engineers with the variety eligibility has to sort through (skills on five
   product lines and three languages, a third on hours of their own in other zones, some away, a
   history of past absences), and N tickets spread evenly over them, --open-share of them open (the
   rest closed, resolved or cancelled), priorities 1 to 5, written by one INSERT ... SELECT over
   generate_series per chunk, then VACUUM ANALYZE.
2. Timings, each over --calls calls after a warm-up, on an idle database: `eligible_members` (who is
   at work, not away, with the skills), `open_load` over all agents (the one aggregate over open
   tickets), and `choose_assignee` in least-loaded mode, end to end. The aggregate's EXPLAIN (ANALYZE,
   BUFFERS) plan is printed once.

Nothing here asserts: the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from .run import timed
from .sla_common import ms_line
from .sla_timers import drop_database, prepare_database

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/assign_bench"
TARGET_MS = 10
CHUNK = 100_000
TEAM_NAME = "Bench: assignment"
NUMBER_PREFIX = "ASB-"
LINES = 5
OPEN_STATUSES = ["new", "open", "in_progress", "escalated", "pending_customer", "awaiting_verification"]
DONE_STATUSES = ["closed", "closed", "closed", "resolved", "cancelled"]
PRIORITIES = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5]  # drawn at random: most work is P3/P4
# The index `--open-index` adds to measure with it (proposed for tickets, not in its migrations).
OPEN_INDEX = "ticket_assignee_open_idx"

_CHUNK_SQL = """
INSERT INTO tickets_ticket (number, subject, channel, category, urgency, impact, priority, status,
    resume_status, received_at, created_at, updated_at, version, search_document, organisation_id,
    product_model_id, team_id, assignee_id)
SELECT %(prefix)s || lpad(i::text, 8, '0'), 'Spindle alarm after tool change', 'email', 'technical',
       'normal', 'minor', (%(priorities)s::int[])[1 + floor(random() * %(priority_count)s)::int],
       CASE WHEN random() < %(open_share)s
            THEN (%(open)s::text[])[1 + mod(i, cardinality(%(open)s::text[]))]
            ELSE (%(done)s::text[])[1 + mod(i, cardinality(%(done)s::text[]))] END,
       '', received, received, received, 1, '', %(org)s,
       (%(models)s::bigint[])[1 + mod(i, cardinality(%(models)s::bigint[]))], %(team)s,
       (%(agents)s::bigint[])[1 + mod(i, cardinality(%(agents)s::bigint[]))]
FROM (SELECT i, %(now)s::timestamptz - mod(i, 20000) * interval '1 hour' AS received
      FROM generate_series(%(first)s::int, %(last)s::int) AS i) AS src
"""


def setup_django(database_url: str) -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "serviceloop.settings", "DATABASE_URL": database_url,
        "HUEY_IMMEDIATE": "1", "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    })  # fmt: skip
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def measured_moment() -> datetime:
    """Last Wednesday 10:00 UTC: inside the team's day shift, and a fixed point for every run."""
    now = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0)
    return now - timedelta(days=(now.weekday() - 2) % 7 + 7)


# 1. Data ----------------------------------------------------------------------------------------------


def _people(team: Any, count: int, lines: list[Any], at: datetime) -> None:
    """The team's members and what eligibility reads about them."""
    from datetime import time as clock

    from serviceloop.accounts.models import Absence, PersonalHours, Skills, TeamHours, User
    from serviceloop.core.roles import Role

    agents = User.objects.bulk_create(
        User(username=f"bench-agent-{n:03}", role=Role.ENGINEER, first_name=f"Agent {n}", password="!")
        for n in range(count)
    )
    team.members.add(*agents)
    TeamHours.objects.bulk_create(
        TeamHours(team=team, weekday=d, starts=clock(7), ends=clock(19)) for d in range(5)
    )
    own_hours, absences = [], []
    for n, agent in enumerate(agents):
        languages = "" if n % 5 == 0 else "en" + ", zh-hans" * (n % 3 == 0) + ", de" * (n % 7 == 0)
        skills = Skills.objects.create(user=agent, languages=languages)
        if n % 4:  # every fourth handles any product line
            skills.product_lines.set([lines[n % LINES], lines[(n + 1) % LINES]])
        if n % 3 == 0:  # their own hours: early shift in Berlin, late shift in Shanghai, or nights
            zone, starts, ends = [("Europe/Berlin", 6, 15), ("Asia/Shanghai", 14, 22), ("UTC", 22, 0)][
                n % 9 // 3
            ]
            agent.time_zone = zone
            own_hours += [PersonalHours(user=agent, weekday=d, starts=clock(starts), ends=clock(ends))
                          for d in range(5)]  # fmt: skip
        absences += [Absence(user=agent, kind=Absence.Kind.HOLIDAY, starts_at=at - timedelta(days=60 * k),
                             ends_at=at - timedelta(days=60 * k - 5)) for k in range(1, 6)]  # fmt: skip
        if n % 17 == 0:
            visit = Absence.Kind.FIELD_VISIT
            absences.append(Absence(user=agent, kind=visit, starts_at=at - timedelta(hours=2),
                                    ends_at=at + timedelta(days=1)))  # fmt: skip
    User.objects.bulk_update(agents, ["time_zone"])
    PersonalHours.objects.bulk_create(own_hours)
    Absence.objects.bulk_create(absences)


def _directory(agent_count: int, at: datetime) -> dict[str, Any]:
    """The team, its people and a customer with machines of every line; made once per database."""
    from serviceloop.accounts.models import AssignmentMode, Team
    from serviceloop.customers.models import Organisation, ProductLine, ProductModel

    team = Team.objects.filter(name=TEAM_NAME).first()
    if team is None:
        team = Team.objects.create(
            name=TEAM_NAME, assignment_mode=AssignmentMode.LEAST_LOADED, time_zone="UTC"
        )
        lines = [ProductLine.objects.create(name=f"Bench line {n}") for n in range(LINES)]
        for line in lines:
            ProductModel.objects.create(line=line, code=f"BENCH-{line.pk}", name=line.name)
        Organisation.objects.create(name="Bench customer", country="DE", language="en")
        _people(team, agent_count, lines, at)
    models = ProductModel.objects.filter(code__startswith="BENCH-").order_by("pk")
    return {
        "team": team.pk,
        "org": Organisation.objects.get(name="Bench customer").pk,
        "models": list(models.values_list("pk", flat=True)),
        "agents": list(team.members.order_by("pk").values_list("pk", flat=True)),
    }


def generate(count: int, agent_count: int, open_share: float, at: datetime) -> dict[str, Any]:
    from django.db import connection, transaction

    refs = _directory(agent_count, at)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM tickets_ticket WHERE number LIKE %s", [NUMBER_PREFIX + "%"])
        done = cursor.fetchone()[0]
    if done >= count:
        print(f"data: {done:,} generated tickets already there, generation skipped")
        return refs
    started = time.monotonic()
    params = {**refs, "prefix": NUMBER_PREFIX, "open": OPEN_STATUSES, "done": DONE_STATUSES, "now": at,
              "open_share": open_share, "priorities": PRIORITIES,
              "priority_count": len(PRIORITIES)}  # fmt: skip
    print(f"data: generating tickets {done + 1:,} to {count:,} in chunks of {CHUNK:,}")
    for first in range(done + 1, count + 1, CHUNK):
        last = min(first + CHUNK - 1, count)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_CHUNK_SQL, {**params, "first": first, "last": last})
        print(
            f"  {last:,} tickets, {(last - done) / (time.monotonic() - started):,.0f} tickets/s", flush=True
        )
    generated = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"data: {count - done:,} tickets in {generated:.1f} s, "
          f"VACUUM ANALYZE {time.monotonic() - started - generated:.1f} s")  # fmt: skip
    return refs


def add_open_index() -> None:
    """A partial index of the open tickets' (assignee, priority): the aggregate's rows, and only them."""
    from django.db import connection

    from serviceloop.tickets.models.ticket import OPEN_STATUS_LIST

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {OPEN_INDEX} ON tickets_ticket (assignee_id, priority) "
            "WHERE status IN (" + ", ".join(f"'{status}'" for status in OPEN_STATUS_LIST) + ")"
        )
        cursor.execute("VACUUM ANALYZE tickets_ticket")
    print(f"index {OPEN_INDEX} (assignee_id, priority) WHERE status IN (open statuses): "
          f"made in {time.monotonic() - started:.1f} s")  # fmt: skip


def describe(refs: dict[str, Any]) -> None:
    from django.db import connection

    from serviceloop.tickets.models.ticket import OPEN_STATUS_LIST

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*), count(*) FILTER (WHERE status = ANY(%s)),
                      pg_size_pretty(pg_relation_size('ticket_assignee_queue_idx')),
                      pg_size_pretty(pg_total_relation_size('tickets_ticket'))
               FROM tickets_ticket""",
            [OPEN_STATUS_LIST],
        )
        total, open_count, index_size, table_size = cursor.fetchone()
    agents = len(refs["agents"])
    each = open_count / max(agents, 1)
    print(f"{total:,} tickets, {open_count:,} open ({each:,.0f} per agent on average), {agents} agents; "
          f"ticket_assignee_queue_idx {index_size}, tickets and indexes {table_size}")  # fmt: skip


# 2. Timings ---------------------------------------------------------------------------------------------


def explain_open_load(agent_ids: list[int]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from serviceloop.routing.assignment import open_load

    with CaptureQueriesContext(connection) as captured:
        open_load(agent_ids)
    sql = captured.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = [row[0] for row in cursor.fetchall()]
    print("EXPLAIN (ANALYZE, BUFFERS) of open_load over all agents:")
    print("\n".join("  " + line for line in plan))


def measure(refs: dict[str, Any], calls: int, at: datetime) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from serviceloop.accounts.models import Team
    from serviceloop.routing.assignment import choose_assignee, eligible_ids, open_load
    from serviceloop.tickets.models import Ticket

    team = Team.objects.get(pk=refs["team"])
    # A ticket in English about a machine of the first line, as one waiting for its assignee.
    ticket = Ticket.objects.select_related("organisation", "product_model").filter(
        team_id=team.pk, product_model_id=refs["models"][0]).first()  # fmt: skip
    if ticket is None:
        raise SystemExit("no generated ticket on the first product line: use more --tickets")
    ticket.assignee_id = None
    eligible = eligible_ids(team, ticket, at)
    with CaptureQueriesContext(connection) as captured:
        chosen = choose_assignee(team, ticket, at)
    print(f"{len(eligible)} of {len(refs['agents'])} agents eligible at {at:%a %Y-%m-%d %H:%M} UTC; "
          f"choose_assignee picks {chosen} in {len(captured.captured_queries)} queries")  # fmt: skip
    _line("eligible_ids (who, by skills)", timed(lambda: eligible_ids(team, ticket, at), calls))
    _line(f"open_load, all {len(refs['agents'])} agents", timed(lambda: open_load(refs["agents"]), calls))
    _line(f"open_load, the {len(eligible)} eligible", timed(lambda: open_load(eligible), calls))
    _line(
        "choose_assignee (least loaded), end to end", timed(lambda: choose_assignee(team, ticket, at), calls)
    )
    explain_open_load(refs["agents"])


def _line(name: str, samples: list[float]) -> None:
    # The fastest call shows the cost without the other processes sharing the machine's CPUs.
    print(ms_line(name, samples, TARGET_MS) + f"; min {min(samples):.2f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.assignment", description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000, help="generated tickets, open and closed")
    parser.add_argument("--agents", type=int, default=200, help="members of the team")
    parser.add_argument("--open-share", type=float, default=0.05, help="share of the tickets still open")
    parser.add_argument("--calls", type=int, default=300, help="timed calls of each measured function")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL, help="the bench's own; dropped")
    parser.add_argument("--open-index", action="store_true", help=f"add {OPEN_INDEX} before measuring")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database, top it up")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end, for --reuse")
    args = parser.parse_args(argv)
    if args.tickets < 1 or args.agents < 1 or args.calls < 1 or not 0 <= args.open_share <= 1:
        parser.error("--tickets, --agents and --calls must be >= 1; --open-share within 0..1")
    prepare_database(args.database_url, args.reuse)
    setup_django(args.database_url)
    at = measured_moment()
    refs = generate(args.tickets, args.agents, args.open_share, at)
    if args.open_index:
        add_open_index()
    describe(refs)
    measure(refs, args.calls, at)
    if not args.keep:
        drop_database(args.database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
