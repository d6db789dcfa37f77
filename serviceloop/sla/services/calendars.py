"""Business calendars as working-time arithmetic, loaded once per process and version."""

from __future__ import annotations

from uuid import UUID

from serviceloop.core.worktime import MINUTES_PER_DAY, Schedule, WorkingTime

from ..models import BusinessCalendar

_WHOLE_DAY = ((0, MINUTES_PER_DAY),)
# Targets in calendar minutes run around the clock; the zone is irrelevant without hours to place.
AROUND_THE_CLOCK = WorkingTime(Schedule("UTC", (_WHOLE_DAY,) * 7))

_loaded: dict[int, tuple[UUID, WorkingTime]] = {}


def schedule_of(calendar: BusinessCalendar) -> Schedule:
    weekly: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for hours in calendar.opening_hours.all():
        weekly[hours.weekday].append(hours.minutes)
    holidays = list(calendar.holidays.all())
    return Schedule(
        zone=calendar.time_zone,
        weekly=tuple(tuple(sorted(day)) for day in weekly),
        holidays=frozenset(h.date for h in holidays if not h.yearly),
        yearly_holidays=frozenset((h.date.month, h.date.day) for h in holidays if h.yearly),
        extra_days={day.date: day.works_like for day in calendar.extra_working_days.all()},
    )


def working_time(calendar: BusinessCalendar | None) -> WorkingTime:
    """The arithmetic of `calendar` (around the clock for None), reloaded when the calendar changed.

    `calendar.revision` is new after every change of its hours and days, and the caller has just read
    the row, so a change made by another process is seen at once without a query of its own."""
    if calendar is None:
        return AROUND_THE_CLOCK
    known = _loaded.get(calendar.pk)
    if known is not None and known[0] == calendar.revision:
        return known[1]
    loaded = WorkingTime(schedule_of(calendar))
    _loaded[calendar.pk] = (calendar.revision, loaded)
    return loaded
