"""Fill the database named by DATABASE_URL with many realistic tickets, fast, for the benchmarks.

    python -m bench.generate [--tickets N] [--days 730] [--seed 7] [--batch 5000]

N defaults to 200,000 on SQLite and 1,000,000 on PostgreSQL. The customers, catalogue and logins
are the demo's (created without tickets when missing). Tickets are written with bulk INSERTs in
batches, each batch in its own transaction, so memory stays flat however many are asked for. See
bench/tickets.py for why the ticket services are bypassed here. On SQLite the FTS5 index follows
the inserted rows through its triggers; on PostgreSQL the GIN index follows by itself.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import django

DEFAULT_COUNTS = {"sqlite": 200_000, "postgresql": 1_000_000}


@dataclass
class Totals:
    tickets: int = 0
    messages: int = 0
    events: int = 0
    tags: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return self.tickets + self.messages + self.events + self.tags

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.tickets:,} tickets, {self.messages:,} messages, {self.events:,} history rows "
            f"in {self.seconds:.1f} s: {self.rows_per_second:,.0f} rows/s, "
            f"{self.tickets / max(self.seconds, 1e-9):,.0f} tickets/s"
        )


class _Writers:
    def __init__(self) -> None:
        from serviceloop.tickets.models import Message, Ticket, TicketEvent

        from .rows import RowWriter
        from .tickets import EVENT_FIELDS, MESSAGE_FIELDS

        self.ticket_fields = [f.attname for f in Ticket._meta.concrete_fields if f.attname in TICKET_FIELDS]
        self.tickets = RowWriter(Ticket, self.ticket_fields)
        self.messages = RowWriter(Message, MESSAGE_FIELDS)
        self.events = RowWriter(TicketEvent, EVENT_FIELDS)
        self.tags = RowWriter(Ticket.tags.through, ["ticket_id", "tag_id"])


# Ticket columns the generator fills; every other column gets its model default.
TICKET_FIELDS = frozenset(
    {
        "id", "number", "subject", "organisation_id", "contact_id", "machine_id", "product_model_id",
        "product_module_id", "channel", "category", "fault_type_id", "urgency", "impact", "priority",
        "status", "resume_status", "team_id", "assignee_id", "created_by_id", "received_at", "created_at",
        "updated_at", "due_at", "resolved_at", "closed_at", "version", "search_document",
    }
)  # fmt: skip


def _write_batch(drafts: list, writers: _Writers, totals: Totals) -> None:
    from django.db import transaction
    from django.db.models import Max

    from serviceloop.tickets.models import Ticket
    from serviceloop.tickets.services.numbering import format_ticket_number, reserve_ticket_numbers

    from .content import search_document

    with transaction.atomic():
        # Ids are handed out here, so messages and history can point at their ticket without a
        # round trip; the generator is meant to be the only writer while it runs.
        next_id = (Ticket.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        per_year = Counter(d.ticket["received_at"].year for d in drafts)
        numbers = {year: iter(reserve_ticket_numbers(year, n)) for year, n in per_year.items()}
        for offset, d in enumerate(drafts):
            year = d.ticket["received_at"].year
            d.ticket["id"] = next_id + offset
            d.ticket["number"] = format_ticket_number(year, next(numbers[year]))
            d.ticket["search_document"] = search_document(d.ticket["number"], *d.texts)
        writers.tickets.insert([tuple(d.ticket[f] for f in writers.ticket_fields) for d in drafts])
        totals.messages += writers.messages.insert((d.ticket["id"], *m) for d in drafts for m in d.messages)
        totals.events += writers.events.insert((d.ticket["id"], *e) for d in drafts for e in d.events)
        totals.tags += writers.tags.insert((d.ticket["id"], tag) for d in drafts for tag in d.tag_ids)
    totals.tickets += len(drafts)


def _reset_sequences() -> None:
    """PostgreSQL's id sequences do not see explicit ids; move them past the generated rows."""
    from django.core.management.color import no_style
    from django.db import connection

    from serviceloop.tickets.models import Ticket

    statements = connection.ops.sequence_reset_sql(no_style(), [Ticket])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def generate(
    count: int,
    *,
    seed: int = 7,
    days: int = 730,
    batch_size: int = 5000,
    progress: Callable[[Totals], None] | None = None,
) -> Totals:
    """Add `count` tickets received over the last `days` days, oldest first; returns what was written."""
    from django.utils import timezone

    from serviceloop.demo import texts
    from serviceloop.demo.services import ensure_base_data
    from serviceloop.tickets.models import Tag

    from .tickets import Drafter

    cast = ensure_base_data()
    tag_ids = [Tag.objects.get_or_create(name=name)[0].pk for name in texts.TAGS]
    started = time.monotonic()  # rows/s measures the tickets, not the one-off demo directory
    drafter = Drafter(cast, tag_ids)
    rng = random.Random(seed)
    now = timezone.now() - timedelta(minutes=5)
    span = timedelta(days=days)
    totals, writers = Totals(), _Writers()
    for first in range(0, count, batch_size):
        size = min(batch_size, count - first)
        # Evenly spread and increasing, so ticket numbers follow the time received as they do live.
        received = [now - span + span * ((first + i + rng.random()) / count) for i in range(size)]
        _write_batch([drafter.draft(rng, at, now) for at in received], writers, totals)
        totals.seconds = time.monotonic() - started
        if progress:
            progress(totals)
    _reset_sequences()
    return totals


def _analyze() -> None:
    """Fresh planner statistics, so the benchmark measures the plans a settled database would use.

    On PostgreSQL a VACUUM also sets the visibility map that autovacuum keeps on a live database;
    without it no index-only scan is worth planning on freshly copied rows.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceloop.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, help="default: 200,000 on SQLite, 1,000,000 on PostgreSQL")
    parser.add_argument("--days", type=int, default=730, help="spread over this many past days")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=5000, help="tickets per transaction")
    args = parser.parse_args(argv)
    count = args.tickets if args.tickets is not None else DEFAULT_COUNTS.get(connection.vendor, 200_000)
    if count < 0 or args.batch < 1 or args.days < 1:
        parser.error("--tickets must be >= 0, --batch and --days >= 1")
    call_command("migrate", verbosity=0, interactive=False)
    print(f"Generating {count:,} tickets on {connection.vendor} ({connection.settings_dict['NAME']})")
    totals = generate(count, seed=args.seed, days=args.days, batch_size=args.batch,
                      progress=lambda t: print("  " + t.line(), flush=True))  # fmt: skip
    _analyze()
    print("Done: " + totals.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
