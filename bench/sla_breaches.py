"""Part 3 of `bench.sla_timers`: how late a breach fires while a real consumer runs under write load.

M clocks fall due 30-150 s ahead while `serviceloop run_huey` (2 worker threads, periodic sweep on,
immediate mode off) runs and threads of this process keep the database busy through the ticket
services; it reports breached_at - due_at and how many clocks got exactly one `sla.breached` row.
"""

from __future__ import annotations

import atexit
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .run import percentile
from .sla_common import DUE_SOON_SPAN, QUERY_TARGET_MS, due_soon, ms_line

LATENESS_TARGET_S = 60
MEASURED_PREFIX = "SLT-"  # the measured clocks hang on tickets numbered so, replaced on every run

# 3. Breach lateness under load ---------------------------------------------------------------------------


def measured_clocks(count: int, refs: dict[str, Any]) -> list[int]:
    """`count` running resolution clocks on new tickets, due evenly 30-150 s from now; returns their ids."""
    from django.db import transaction
    from django.utils import timezone

    from serviceloop.sla.models import SlaClock, SlaPolicy, TicketPolicy
    from serviceloop.sla.services import clocks
    from serviceloop.tickets.models import Ticket

    from .sla_rows import POLICY_TARGETS

    policy = SlaPolicy.objects.select_related("calendar").get(pk=refs["policy"])
    target = policy.targets.get(metric="resolution")
    length = timedelta(minutes=POLICY_TARGETS["resolution"])
    now = timezone.now()
    dues = [now + timedelta(seconds=30 + 120 * k / max(count - 1, 1)) for k in range(count)]
    with transaction.atomic():
        Ticket.objects.filter(number__startswith=MEASURED_PREFIX).delete()  # the last run's
        tickets = Ticket.objects.bulk_create(
            Ticket(number=f"{MEASURED_PREFIX}{k:06d}", subject="Bench: breach timer", channel="email",
                   status="open", organisation_id=refs["orgs"][k % len(refs["orgs"])],
                   received_at=due - length, created_at=due - length, updated_at=due - length)
            for k, due in enumerate(dues)
        )  # fmt: skip
        TicketPolicy.objects.bulk_create(
            TicketPolicy(ticket=t, policy=policy, matched_at=now) for t in tickets
        )
        made = []
        for ticket, due in zip(tickets, dues, strict=True):
            clock = clocks.new_clock(ticket.pk, "resolution", policy, target, due - length)
            clock.warned_at = clock.warn_at  # warned hours ago: the breach is its next moment
            clocks.place(clock)
            made.append(clock)
        return [c.pk for c in SlaClock.objects.bulk_create(made)]


class Load:
    """Threads writing as a desk does: new tickets, replies and notes through the services, plain updates."""

    def __init__(self, threads: int, refs: dict[str, Any]) -> None:
        from django.db.models import Max, Min

        from serviceloop.tickets.models import Ticket

        from .sla_rows import NUMBER_PREFIX

        span = Ticket.objects.filter(number__startswith=NUMBER_PREFIX).aggregate(lo=Min("id"), hi=Max("id"))
        self.ids = (span["lo"], span["hi"])
        self.refs, self.stop_flag = refs, threading.Event()
        self.done: Counter[str] = Counter()
        self.first_error = ""
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]
        self.started = self.stopped = 0.0

    def start(self) -> None:
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stop_flag.set()
        for thread in self.threads:
            thread.join(timeout=30)
        self.stopped = self.stopped or time.monotonic()

    def _run(self, seed: int) -> None:
        import random

        from django.db import connection

        from serviceloop.accounts.models import User

        rng = random.Random(seed)
        try:
            agent = User.objects.get(pk=self.refs["agent"])
            while not self.stop_flag.is_set():
                kind = rng.choices(["ticket", "reply", "note", "update"], [2, 3, 2, 3])[0]
                try:
                    self._one(kind, rng, agent)
                except Exception as error:  # counted and the first one shown; the load goes on
                    kind = "error"
                    self.first_error = self.first_error or f"{type(error).__name__}: {error}"
                with self.lock:
                    self.done[kind] += 1
        finally:
            connection.close()

    def _one(self, kind: str, rng: Any, agent: Any) -> None:
        from django.db.models import F
        from django.db.models.functions import Now

        from serviceloop.tickets.models import Ticket
        from serviceloop.tickets.services import NewTicket, add_message, create_ticket

        if kind == "ticket":
            create_ticket(agent, NewTicket(
                subject="Bench load: spindle noise", body="Opened by the SLA timer benchmark's load.",
                channel="email", organisation_id=rng.choice(self.refs["orgs"]),
            ))  # fmt: skip
            return
        pk = rng.randint(*self.ids)
        if kind == "update":
            Ticket.objects.filter(pk=pk).update(updated_at=Now(), version=F("version") + 1)
            return
        ticket = Ticket.objects.filter(pk=pk).first()
        if ticket is not None:
            add_message(agent, ticket, "We are looking into it.", internal=kind == "note")

    def line(self) -> str:
        seconds = max((self.stopped or time.monotonic()) - self.started, 1e-9)
        errors = self.done.pop("error", 0)
        total = sum(self.done.values())
        parts = ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.done.items()))
        line = f"background load: {total:,} writes in {seconds:.0f} s ({total / seconds:.1f}/s: {parts})"
        return line + (f"; {errors:,} failed, first: {self.first_error}" if errors else "")


class Consumer:
    """`serviceloop run_huey` in a session of its own, so only this process decides when it stops."""

    def __init__(self, env: dict[str, str], log: Path, workers: int) -> None:
        script = Path(sys.executable).with_name("serviceloop")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "serviceloop"]
        self.command = [*command, "run_huey", "--workers", str(workers), "--worker-type", "thread",
                        "--scheduler-interval", "1"]  # fmt: skip
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("w") as out:
            self.process = subprocess.Popen(self.command, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)  # fmt: skip
        atexit.register(self.stop)  # should an interruption cut short the stop on the way out

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Graceful first (SIGINT lets running tasks finish), then killed; also run at exit."""
        process = self.process
        if process is None:
            return
        for sig, wait in ((signal.SIGINT, 20), (signal.SIGKILL, 10)):
            if process.poll() is not None:
                break
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
            except ProcessLookupError:
                break
        self.process = None

    def report(self) -> str:
        """Tasks run by name, and the errors of the failed ones (a consumer can fail every task)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        ran = Counter(name.rsplit(".", 1)[-1] for name in re.findall(r"Executing ([\w.]+):", text))
        line = "consumer ran: " + ", ".join(f"{n:,} {name}" for name, n in ran.most_common())
        failed = text.count("Unhandled exception in task")
        if failed:
            errors = Counter(re.findall(r"^([\w.]+(?:Error|Exception): .*)$", text, re.MULTILINE))
            line += f"; {failed:,} FAILED, e.g. {errors.most_common(1)[0][0] if errors else '?'}"
        return line


@contextmanager
def running(consumer: Consumer, load: Load) -> Iterator[None]:
    from huey.contrib.djhuey import HUEY

    try:
        load.start()
        consumer.start()
        yield
    finally:
        load.stop()
        consumer.stop()
        HUEY.flush()  # the timers of clocks still to come, and mail for made-up customers


def _wait_for_breaches(ids: list[int], deadline: float, consumer: Consumer) -> tuple[list[float], int]:
    """Poll once a second until every clock is breached; times `coming_due` under load meanwhile."""
    from django.utils import timezone

    from serviceloop.sla.models import SlaClock
    from serviceloop.sla.services.deadlines import coming_due

    samples: list[float] = []
    most = 0
    while time.monotonic() < deadline:
        start = time.perf_counter()
        rows = len(coming_due(timezone.now()))
        samples.append((time.perf_counter() - start) * 1000)
        most = max(most, rows)
        left = SlaClock.objects.filter(pk__in=ids, breached_at__isnull=True).count()
        if not left:
            break
        if not consumer.alive():
            raise SystemExit(f"The consumer stopped; see {consumer.log}")
        time.sleep(1)
    return samples, most


def measure_breaches(count: int, threads: int, timeout: float, env: dict[str, str], refs: dict) -> None:
    from django.utils import timezone
    from huey.contrib.djhuey import HUEY

    print(f"huey: {type(HUEY).__name__}, immediate={HUEY.immediate}")
    HUEY.flush()  # timers of an interrupted run would fire into this one
    due_soon(DUE_SOON_SPAN)
    ids = measured_clocks(count, refs)
    began = timezone.now()
    consumer = Consumer(env, Path(env.get("SERVICELOOP_VAR_DIR", "var")) / "bench-sla-huey.log", workers=2)
    load = Load(threads, refs)
    print(f"{count} clocks due 30-150 s from now; consumer: {' '.join(consumer.command[-7:])}, "
          f"log {consumer.log}; {threads} load threads")  # fmt: skip
    with running(consumer, load):
        samples, rows = _wait_for_breaches(ids, time.monotonic() + 150 + timeout, consumer)
        time.sleep(5)  # a second firing, if any, would land now
    print(load.line())
    print(consumer.report())
    if samples:
        print(ms_line(f"coming_due(now) under that load, up to {rows} rows", samples, QUERY_TARGET_MS))
    report_breaches(ids, began)


def report_breaches(ids: list[int], began: datetime) -> None:
    from django.db.models import Count

    from serviceloop.core import events
    from serviceloop.sla.models import SlaClock
    from serviceloop.tickets.models import TicketEvent

    clocks = list(SlaClock.objects.filter(pk__in=ids).values_list("ticket_id", "due_at", "breached_at"))
    late = [(b - d).total_seconds() for _, d, b in clocks if b is not None and d is not None]
    tickets = [t for t, _, _ in clocks]
    rows = TicketEvent.objects.filter(ticket_id__in=tickets, name=events.SLA_BREACHED).values("ticket_id")
    fired = Counter(dict(rows.annotate(n=Count("id")).values_list("ticket_id", "n")))
    once = sum(1 for t, _, _ in clocks if fired[t] == 1)
    twice = sum(1 for t, _, _ in clocks if fired[t] > 1)
    others = TicketEvent.objects.filter(name=events.SLA_BREACHED, at__gte=began)
    others = others.exclude(ticket_id__in=tickets)
    print(f"breached: {len(late)} of {len(clocks)}; also {others.count():,} other clocks breached meanwhile")
    if late:
        verdict = "met" if max(late) <= LATENESS_TARGET_S else "MISSED"
        print(f"lateness breached_at - due_at: median {statistics.median(late):.2f} s, "
              f"p95 {percentile(late, 95):.2f} s, max {max(late):.2f} s, min {min(late):.2f} s "
              f"(target <= {LATENESS_TARGET_S} s: {verdict})")  # fmt: skip
    print(f"exactly once: {once} of {len(clocks)} clocks have one sla.breached history row "
          f"({twice} more than one, {len(clocks) - once - twice} none)")  # fmt: skip
