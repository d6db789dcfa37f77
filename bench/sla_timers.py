"""SLA deadline scheduler on a million open tickets: `python -m bench.sla_timers [--tickets N]`.

PostgreSQL only, in a database of the bench's own (--database-url; its name must contain "bench"): it is
created and migrated here, made anew when it exists unless --reuse keeps it (and tops it up to N tickets,
which is how a run interrupted while generating resumes), and dropped at the end of a finished run unless
--keep. Huey runs on Redis database 7 (--redis-url), whose queue of this app is flushed before and after.

1. Data: N open tickets, each with a first-response and a resolution clock (bench/sla_rows.py: met,
   paused, breached, or running with the next moment 1 hour to 30 days ahead), written by SQL in
   chunks, then VACUUM ANALYZE. Every 300th ticket's resolution clock is then put due within the
   next ten minutes, as a live desk has a few thousand timers coming up.
2. Finding the due timers: `deadlines.coming_due(now)`, the query of the per-minute sweep, timed over
   many calls (median, p95, max); its EXPLAIN (ANALYZE, BUFFERS) plan is printed once.
3. Breach lateness: M more clocks fall due 30-150 s ahead while a real consumer (`serviceloop run_huey`,
   2 worker threads, periodic sweep on, immediate mode off) runs and threads of this process keep the
   database busy through the ticket services (new tickets, replies, notes) and plain updates. It
   reports breached_at - due_at and how many clocks got exactly one `sla.breached` history row.

The consumer is stopped on every way out (the end, an error, Ctrl-C, SIGTERM). Nothing here asserts:
the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from typing import Any

from .run import timed
from .sla_breaches import measure_breaches
from .sla_common import DUE_SOON_SPAN, QUERY_TARGET_MS, due_soon, ms_line

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sl_bench_sla"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
CHUNK = 50_000  # tickets per transaction: the unit an interrupted generation resumes from
MIN_TICKETS = 300  # fewer would have no clock due soon (sla_rows.DUE_SOON_EVERY)


# Database: created, reused or dropped through the server's maintenance database ------------------------


def _server(url: str) -> tuple[str, str]:
    """The database's name, and a libpq connection string for the maintenance database beside it."""
    import dj_database_url
    from psycopg.conninfo import make_conninfo

    db = dj_database_url.parse(url)
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("The SLA timer benchmark needs PostgreSQL (--database-url postgres://...).")
    if "bench" not in db["NAME"]:
        raise SystemExit(f"Database {db['NAME']!r}: the name must contain 'bench', as this bench drops it.")
    given = {"host": db.get("HOST"), "port": db.get("PORT"), "user": db.get("USER"),
             "password": db.get("PASSWORD")}  # fmt: skip
    return db["NAME"], make_conninfo(dbname="postgres", **{k: str(v) for k, v in given.items() if v})


def _admin(conninfo: str, statement: str, name: str) -> bool:
    """Run CREATE/DROP DATABASE `name` (outside a transaction); returns whether it existed before."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(conninfo, autocommit=True) as conn:
        existed = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if statement:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))
    return existed is not None


def prepare_database(url: str, reuse: bool) -> None:
    name, conninfo = _server(url)
    if _admin(conninfo, "", name) and reuse:
        print(f"database {name}: reused")
        return
    _admin(conninfo, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    _admin(conninfo, "CREATE DATABASE {}", name)
    print(f"database {name}: created")


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    name, conninfo = _server(url)
    _admin(conninfo, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    print(f"database {name}: dropped (--keep keeps it for --reuse)")


def setup_django(database_url: str, redis_url: str) -> dict[str, str]:
    """Point this process at the bench's database and queue; returns the environment for the consumer."""
    env = {
        "DJANGO_SETTINGS_MODULE": "serviceloop.settings", "DATABASE_URL": database_url,
        "REDIS_URL": redis_url, "HUEY_IMMEDIATE": "0",  # the measurement needs a real queue
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",  # made-up customers
        "PYTHONUNBUFFERED": "1",
    }  # fmt: skip
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return {**os.environ, **env}


# 1. Data ----------------------------------------------------------------------------------------------


def generate(count: int) -> dict[str, Any]:
    """Top the database up to `count` generated tickets; returns ids the later parts need."""
    from django.db import connection
    from django.utils import timezone

    from serviceloop.demo.services import ensure_base_data

    from . import sla_rows

    ensure_base_data()
    refs = sla_rows.references(*sla_rows.bench_policy())
    done = sla_rows.last_generated()
    if done >= count:
        print(f"data: {done:,} generated tickets already there, generation skipped")
        return refs
    started, now = time.monotonic(), timezone.now()
    print(f"data: generating tickets {done + 1:,} to {count:,} in chunks of {CHUNK:,}")
    for first in range(done + 1, count + 1, CHUNK):
        last = min(first + CHUNK - 1, count)
        sla_rows.generate_chunk(first, last, now, refs)
        seconds = time.monotonic() - started
        print(f"  {last:,} tickets, {(last - done) / seconds:,.0f} tickets/s", flush=True)
    generated = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"data: {count - done:,} tickets and {2 * (count - done):,} clocks in {generated:.1f} s, "
          f"VACUUM ANALYZE {time.monotonic() - started - generated:.1f} s")  # fmt: skip
    return refs


def describe() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""SELECT (SELECT count(*) FROM tickets_ticket), (SELECT count(*) FROM sla_slaclock),
            (SELECT count(*) FROM sla_slaclock WHERE next_check_at IS NOT NULL),
            pg_size_pretty(pg_relation_size('sla_next_check_idx')),
            pg_size_pretty(pg_total_relation_size('sla_slaclock')),
            pg_size_pretty(pg_database_size(current_database()))""")
        tickets, clocks, indexed, index_size, table_size, db_size = cursor.fetchone()
    print(f"{tickets:,} tickets, {clocks:,} clocks, {indexed:,} with a next moment (sla_next_check_idx "
          f"{index_size}; clocks with indexes {table_size}; database {db_size})")  # fmt: skip


def rebase() -> None:
    """A kept database: clocks that have come due since they were generated move on, so no backlog
    of overdue timers (which a live scheduler would have fired long ago) distorts the figures."""
    from django.utils import timezone

    from . import sla_rows

    moved = sla_rows.rebase(timezone.now())
    if moved:
        print(f"{moved:,} clocks (near) due from before this run moved on by {sla_rows.FAR_DAYS}-day periods")


# 2. Finding the due timers ------------------------------------------------------------------------------


def explain_coming_due() -> None:
    """The plan of exactly the SQL `coming_due` sends, as captured from the connection."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from serviceloop.sla.services.deadlines import coming_due

    with CaptureQueriesContext(connection) as captured:
        coming_due(timezone.now())
    sql = captured.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = [row[0] for row in cursor.fetchall()]
    print("EXPLAIN (ANALYZE, BUFFERS) " + sql)
    print("\n".join("  " + line for line in plan))


def measure_query(samples: int) -> None:
    from django.utils import timezone

    from serviceloop.sla.services.deadlines import coming_due

    rows = len(coming_due(timezone.now()))
    times = timed(lambda: coming_due(timezone.now()), samples, warmup=10)
    print(ms_line(f"coming_due(now), {rows} rows, idle database", times, QUERY_TARGET_MS))
    explain_coming_due()


# Entry point --------------------------------------------------------------------------------------------


def _stop_on_signals() -> None:
    """SIGINT (even when started in the background), SIGTERM and SIGHUP unwind like Ctrl-C, so the
    consumer is stopped on the way out."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupt)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sla_timers", description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000, help="generated open tickets")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL, help="the bench's own; dropped")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="Huey's queue; flushed")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database, top it up")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end, for --reuse")
    parser.add_argument("--queries", type=int, default=1000, help="timed coming_due calls (0: skip)")
    parser.add_argument("--clocks", type=int, default=500, help="clocks whose breach is timed (0: skip)")
    parser.add_argument("--load-threads", type=int, default=2, help="writer threads during the breaches")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait past the last due time")
    args = parser.parse_args(argv)
    if args.tickets < MIN_TICKETS or args.queries < 0 or args.clocks < 0 or args.load_threads < 0:
        parser.error(f"--tickets must be >= {MIN_TICKETS}; --queries, --clocks and --load-threads >= 0")
    _stop_on_signals()
    prepare_database(args.database_url, args.reuse)
    env = setup_django(args.database_url, args.redis_url)
    refs = generate(args.tickets)
    rebase()
    describe()
    if args.queries:
        due_soon(DUE_SOON_SPAN)
        measure_query(args.queries)
    if args.clocks:
        measure_breaches(args.clocks, args.load_threads, args.timeout, env, refs)
    if not args.keep:
        drop_database(args.database_url)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted: the consumer is stopped; the database is kept for --reuse", file=sys.stderr)
        sys.exit(130)
