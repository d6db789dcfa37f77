"""Business-calendar arithmetic speed: `python -m bench.worktime [--calls N]`.

Due times (`add_instant`, targets from 10 minutes to 72 business hours, starts spread over 2026) and
measured working time (`between_instants`) on an office calendar in Shanghai (two ranges a day, public
holidays, two worked weekend days) and one in Berlin, on one core, without a database. The "fresh" figure
starts a new WorkingTime every 1,000 calls, so its day cache does not flatter the rate; "warm" reuses one.
The Chinese holiday list is shaped like a real year, not the official one. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from serviceloop.core.worktime import Schedule, WorkingTime, instant, weekly_hours

TARGET_PER_SECOND = 50_000
FRESH_EVERY = 1_000
_US, _MINUTE = 1_000_000, 60_000_000
_TARGET_MINUTES = (10, 30, 60, 120, 240, 480, 960, 1440, 2880, 4320)  # up to 72 business hours


def _days(first: date, count: int) -> set[date]:
    return {first + timedelta(days) for days in range(count)}


def shanghai() -> Schedule:
    holidays = set[date]().union(
        _days(date(2026, 1, 1), 3),
        _days(date(2026, 2, 15), 9),  # Spring Festival
        _days(date(2026, 4, 4), 3),
        _days(date(2026, 5, 1), 5),
        _days(date(2026, 6, 19), 3),
        _days(date(2026, 9, 25), 3),  # Mid-Autumn
        _days(date(2026, 10, 1), 7),  # National Day
    )
    worked = {date(2026, 2, 14): 4, date(2026, 10, 10): 4}  # Saturdays worked as Fridays
    office = weekly_hours(range(5), "09:00-12:00", "13:30-18:00")
    return Schedule("Asia/Shanghai", office, frozenset(holidays), extra_days=worked)


def berlin() -> Schedule:
    movable = {date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)}
    yearly = {(1, 1), (5, 1), (10, 3), (12, 24), (12, 25), (12, 26), (12, 31)}
    office = weekly_hours(range(5), "08:00-12:00", "13:00-17:00")
    return Schedule("Europe/Berlin", office, frozenset(movable), frozenset(yearly))


def _workload(calls: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    year_start = instant(datetime(2026, 1, 1, tzinfo=UTC))
    year = 365 * 86_400 * _US
    return [
        (year_start + rng.randrange(year), rng.choice(_TARGET_MINUTES) * _MINUTE + rng.randrange(_MINUTE))
        for _ in range(calls)
    ]


def _rate(calls: int, run: Callable[[], None]) -> float:
    start = time.process_time()
    run()
    return calls / (time.process_time() - start)


def measure(schedule: Schedule, work: list[tuple[int, int]]) -> dict[str, float]:
    def due_fresh() -> None:
        for offset in range(0, len(work), FRESH_EVERY):
            add = WorkingTime(schedule).add_instant
            for start, target in work[offset : offset + FRESH_EVERY]:
                add(start, target)

    warm = WorkingTime(schedule)
    dues = [warm.add_instant(start, target) for start, target in work]  # also fills the cache

    def due_warm() -> None:
        for start, target in work:
            warm.add_instant(start, target)

    def between_warm() -> None:
        for (start, _), due in zip(work, dues, strict=True):
            warm.between_instants(start, due)

    return {
        f"due, fresh calendar every {FRESH_EVERY:,}": _rate(len(work), due_fresh),
        "due, warm cache": _rate(len(work), due_warm),
        "between, warm cache": _rate(len(work), between_warm),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    work = _workload(args.calls, args.seed)
    print(f"{args.calls:,} calls per figure, CPU time of one core")
    print(f"{'calendar':<14} {'operation':<34} {'calls/s':>10}  target")
    for name, schedule in (("Asia/Shanghai", shanghai()), ("Europe/Berlin", berlin())):
        for operation, rate in measure(schedule, work).items():
            print(
                f"{name:<14} {operation:<34} {rate:>10,.0f}  >= {TARGET_PER_SECOND:,} due-time computations/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
