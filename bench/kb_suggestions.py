"""Suggestions beside a ticket at scale: `python -m bench.kb_suggestions [--tickets N] [--articles 50000]`.

Issue 6: with 50,000 articles (mixed Chinese and English) and 1,000,000 tickets, the suggestions
for a ticket answer in p95 <= 100 ms, on PostgreSQL and on SQLite.

1. Uses the bench's own database (same rules as bench.kb_quality: its name or path must contain
   "bench"), tops its tickets up to --tickets with bench.generate's generator (default 1,000,000 on
   PostgreSQL, 200,000 on SQLite, as `make bench` does) and its articles up to --articles with
   bench.kb_speed's, then refreshes the planner's statistics.
2. Times, as a staff user, for --samples different tickets, the articles suggested for the ticket
   (words and meaning) and the similar solved tickets, and prints the plan of the similar-tickets
   query once.

    SERVICELOOP_VAR_DIR=var/bench-kb-suggest python -m bench.kb_suggestions --tickets 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_suggest_bench python -m bench.kb_suggestions

Nothing here asserts: the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from .kb_quality import semantic_module, setup
from .kb_speed import _line
from .kb_speed import generate as generate_articles
from .run import percentile

TARGET_MS = 100
DEFAULT_TICKETS = {"sqlite": 200_000, "postgresql": 1_000_000}


def ensure_tickets(count: int) -> None:
    """Add tickets (bench.generate's bulk generator) until there are `count`."""
    from serviceloop.tickets.models import Ticket

    from .generate import generate

    have = Ticket.objects.count()
    if have >= count:
        print(f"{have:,} tickets already there")
        return
    print(f"generating {count - have:,} tickets (have {have:,})", flush=True)
    started = time.monotonic()
    totals = generate(count - have, seed=count, progress=_progress)
    print(f"tickets generated in {time.monotonic() - started:.0f} s: {totals.line()}", flush=True)


def _progress(totals: Any) -> None:
    if totals.tickets % 50_000 == 0:
        print("  " + totals.line(), flush=True)


def _analyze() -> None:
    from .generate import _analyze as analyze

    analyze()


def _sample_tickets(samples: int) -> list[Any]:
    """`samples` different tickets spread over the whole history, open and solved alike."""
    from django.db.models import Max, Min

    from serviceloop.tickets.models import Ticket

    bounds = Ticket.objects.aggregate(low=Min("id"), high=Max("id"))
    rng = random.Random(samples)
    ids = rng.sample(
        range(bounds["low"], bounds["high"] + 1), min(samples * 2, bounds["high"] - bounds["low"] + 1)
    )
    tickets = Ticket.objects.select_related("contact", "organisation").in_bulk(ids)
    return [tickets[i] for i in ids if i in tickets][:samples]


def _each(fn: Callable[[Any, Any], Any], user: Any, tickets: list[Any]) -> tuple[list[float], int]:
    """Milliseconds per ticket (after three warm-up calls), and how many answers came back in all."""
    for ticket in tickets[:3]:
        fn(user, ticket)
    samples, found = [], 0
    for ticket in tickets:
        start = time.perf_counter()
        found += len(fn(user, ticket))
        samples.append((time.perf_counter() - start) * 1000)
    return samples, found


def explain(user: Any, ticket: Any) -> None:
    from django.db import connection

    from serviceloop.knowledge.services import suggestions

    terms = suggestions.key_terms(ticket.subject)
    query = suggestions._solved_candidates(user, ticket, terms)
    print(f"\nplan of the similar-tickets query for {ticket.subject!r} (terms {terms}):")
    if connection.vendor == "postgresql":
        print(query.explain(analyze=True, buffers=True))
    else:
        print(query.explain())
    print(f"SQL: {query.query}\n")


def measure(samples: int) -> None:
    from serviceloop.accounts.models import User
    from serviceloop.core.roles import Role
    from serviceloop.knowledge.services.suggestions import similar_solved_tickets, suggest_for_ticket

    staff = User.objects.filter(role=Role.AGENT, is_active=True).order_by("id").first()
    if staff is None:
        raise SystemExit("no active agent: bench.generate's demo directory is missing")
    tickets = _sample_tickets(samples)
    print(f"as {staff.username} ({staff.role}), {len(tickets)} tickets")
    explain(staff, tickets[0])
    for name, fn in (
        ("articles suggested", suggest_for_ticket),
        ("similar solved tickets", similar_solved_tickets),
    ):
        timings, found = _each(fn, staff, tickets)
        print(_line(name, timings, TARGET_MS) + f"; {found / len(tickets):.1f} answers per ticket")

    def both(user: Any, ticket: Any) -> list[Any]:
        return [*suggest_for_ticket(user, ticket), *similar_solved_tickets(user, ticket)]

    timings, _ = _each(both, staff, tickets)
    print(_line("the whole suggestions panel (both)", timings, TARGET_MS))
    print(f"(p99 of both: {percentile(timings, 99):.1f} ms)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, help="default: 1,000,000 on PostgreSQL, 200,000 on SQLite")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=100, help="tickets timed")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    if (args.tickets is not None and args.tickets < 0) or args.articles < 0 or args.samples < 1:
        parser.error("--tickets and --articles must be >= 0, --samples >= 1")
    setup(args.database_url)
    from django.db import connection

    ensure_tickets(
        args.tickets if args.tickets is not None else DEFAULT_TICKETS.get(connection.vendor, 200_000)
    )
    generate_articles(args.articles, semantic_module())
    _analyze()
    measure(args.samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
