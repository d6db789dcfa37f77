"""Whether a person is at work at a moment: their own weekly hours, else their team's, else always.

The hours are turned into `core.worktime` schedules, so a shift is read in its own time zone across
daylight-saving changes exactly as the SLA clocks are. Absences (holidays, field visits...) are
not here: they are excluded in the database query of `eligibility`.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import time

from serviceloop.core.worktime import MINUTES_PER_DAY, Range, Schedule, WorkingTime

# (weekday, starts, ends) as the rows of accounts' WeeklyHours hold them.
HoursRow = tuple[int, time, time]

_CACHE_LIMIT = 1024
# Many people share the same week: one WorkingTime (which caches its days) per distinct week and zone.
_known: dict[tuple[str, tuple[tuple[Range, ...], ...]], WorkingTime] = {}


def zone(*candidates: str) -> str:
    """The first of `candidates` that names a time zone, else UTC."""
    for name in candidates:
        if not name:
            continue
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            continue  # a mistyped zone on a profile must not stop assignment for the whole team
        return name
    return "UTC"


def _merged(ranges: list[Range]) -> tuple[Range, ...]:
    """Ranges in order with overlaps joined: rows entered one by one may overlap, a Schedule may not."""
    out: list[Range] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _minutes(moment: time, *, end: bool) -> int:
    minutes = moment.hour * 60 + moment.minute
    return MINUTES_PER_DAY if end and minutes == 0 else minutes  # an end at 00:00 is midnight


def working_time(zone_name: str, rows: Iterable[HoursRow]) -> WorkingTime | None:
    """The arithmetic of the weekly `rows` in `zone_name`; None when there are no rows."""
    days: list[list[Range]] = [[] for _ in range(7)]
    for weekday, starts, ends in rows:
        start, end = _minutes(starts, end=False), _minutes(ends, end=True)
        if end > start:  # a row saved without validation must not break the week
            days[weekday].append((start, end))
    if not any(days):
        return None
    key = (zone_name, tuple(_merged(day) for day in days))
    known = _known.get(key)
    if known is None:
        if len(_known) >= _CACHE_LIMIT:
            _known.clear()
        known = _known[key] = WorkingTime(Schedule(zone=zone_name, weekly=key[1]))
    return known
