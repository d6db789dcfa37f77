"""Mail intake speed and memory: `python -m bench.mail_ingest [--messages N]`.

Runs the pipe path (`ingest`, what `serviceloop ingest_email` calls for each mail: store the bytes,
parse, screen, thread, open a ticket or add a reply, commit) in one process on one core, on a
database of its own (var/bench-mail/ unless DATABASE_URL names one). Each mail is generated just before it
is ingested and only the intake is timed. Prints the rate and the process RSS every batch: a flat
RSS over 100,000 messages is the memory goal. Nothing here asserts; the figures go into the note.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

TARGET_PER_SECOND = 200


def _setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("SERVICELOOP_VAR_DIR", str(Path.cwd() / "var" / "bench-mail"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceloop.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # pragma: no cover


def _senders(count: int) -> list[str]:
    """Known contacts at a few organisations, plus 10% addresses nobody has seen."""
    from serviceloop.customers.models import Contact, Organisation

    orgs = [Organisation.objects.get_or_create(name=f"Bench customer {i}", defaults={"country": "DE"})[0]
            for i in range(20)]  # fmt: skip
    known = [f"operator{i}@customer{i % 20}.test" for i in range(count)]
    existing = set(Contact.objects.filter(email__in=known).values_list("email", flat=True))
    Contact.objects.bulk_create(
        [
            Contact(organisation=orgs[i % 20], name=f"Operator {i}", email=a)
            for i, a in enumerate(known)
            if a not in existing
        ]
    )
    return known + [f"stranger{i}@unknown{i}.test" for i in range(count // 10)]


def run(messages: int, batch: int, seed: int) -> None:
    from django.conf import settings
    from django.db import connection

    from bench.mail_corpus import make_mail
    from serviceloop.channels.mail.inbox import ingest

    settings.MAIL_RATE_LIMIT_PER_HOUR = 10**9  # the generated senders write far faster than people
    rng = random.Random(seed)
    senders = _senders(2_000)
    earlier: list[str] = []
    done, busy, states = 0, 0.0, {}  # type: ignore[var-annotated]
    print(f"database: {connection.vendor}; {messages} messages in batches of {batch}")
    print(f"{'messages':>9} {'msg/s (batch)':>14} {'msg/s (all)':>12} {'RSS MB':>8}")
    while done < messages:
        # One mail at a time, generated outside the timed part, so RSS shows the intake alone.
        batch_cpu, size = 0.0, min(batch, messages - done)
        for i in range(size):
            raw = make_mail(rng, done + i, senders, earlier)
            start = time.process_time()
            mail = ingest(raw, "pipe")
            batch_cpu += time.process_time() - start
            states[mail.state] = states.get(mail.state, 0) + 1
            if len(earlier) < 5_000 and mail.message_id:
                earlier.append(f"<{mail.message_id}>")
        busy += batch_cpu
        done += size
        print(f"{done:>9} {size / batch_cpu:>14.0f} {done / busy:>12.0f} {_rss_mb():>8.1f}", flush=True)
    print(f"outcomes: {states}")
    print(f"ingest: {done / busy:.0f} messages/s of CPU time (target >= {TARGET_PER_SECOND})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    _setup_django()
    run(args.messages, args.batch, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
