"""Working time on a business calendar: adding business seconds to an instant, and measuring them back.

Exact, never sampled. Each local day's opening ranges are turned into UTC instants through the
calendar's own time zone, so a range across a daylight-saving change lasts as long as the clock on
the wall really ran (an hour less in spring, an hour more in autumn), and a day is "a holiday" in
the calendar's zone, not in the server's or the viewer's.

Inside, instants are whole microseconds since the epoch (the database's resolution): integer sums
are exact, so adding working time and measuring it back gives the same figure, and they are many
times cheaper than aware-datetime arithmetic, which matters as it runs for every clock of every ticket.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
# Far enough for any service target; a calendar that stays shut this long is a configuration error.
MAX_DAYS = 3 * 366

_US = 1_000_000
_ONE_US = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Range = tuple[int, int]  # minutes after local midnight, [start, end); end may be 1440 (midnight)
Interval = tuple[int, int]  # microseconds since the epoch, [start, end)


class NeverOpen(ValueError):
    """The calendar has no working time within MAX_DAYS of the instant asked about."""


@dataclass(frozen=True)
class Schedule:
    """A business calendar as plain data: what `WorkingTime` needs and nothing of the database."""

    zone: str
    weekly: tuple[tuple[Range, ...], ...]  # seven entries, Monday first
    holidays: frozenset[date] = frozenset()
    yearly_holidays: frozenset[tuple[int, int]] = frozenset()  # (month, day), every year
    # A day that is worked although its weekday or a holiday says otherwise (as China moves working
    # days around public holidays), mapped to the weekday whose hours it works (0 = Monday).
    extra_days: Mapping[date, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise ValueError("weekly needs seven entries, Monday first")
        for ranges in self.weekly:
            previous_end = 0
            for start, end in ranges:
                if not 0 <= start < end <= MINUTES_PER_DAY:
                    raise ValueError(f"opening range {start}-{end} is not within one day")
                # The arithmetic walks a day's ranges once, in order: unordered or overlapping ones
                # would silently give wrong due times (or count an hour twice).
                if start < previous_end:
                    raise ValueError(f"opening range {start}-{end} overlaps or precedes the one before")
                previous_end = end

    @property
    def always_open(self) -> bool:
        whole_day = ((0, MINUTES_PER_DAY),)
        return all(day == whole_day for day in self.weekly) and not (self.holidays or self.yearly_holidays)

    def ranges_on(self, day: date) -> tuple[Range, ...]:
        if day in self.extra_days:
            return self.weekly[self.extra_days[day]]
        if day in self.holidays or (day.month, day.day) in self.yearly_holidays:
            return ()
        return self.weekly[day.weekday()]


def weekly_hours(days: Iterable[int], *ranges: str) -> tuple[tuple[Range, ...], ...]:
    """Seven days of ranges from "HH:MM-HH:MM" strings on the given weekdays, e.g. a working week."""
    parsed = tuple(_parse_range(text) for text in ranges)
    chosen = set(days)
    return tuple(parsed if weekday in chosen else () for weekday in range(7))


def _parse_range(text: str) -> Range:
    start, end = (part.strip() for part in text.split("-"))
    return _minutes(start), _minutes(end)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


class WorkingTime:
    """Arithmetic on one schedule. Keep one per calendar and reuse it: it caches the days it has seen."""

    _CACHE_LIMIT = 4096

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.zone = ZoneInfo(schedule.zone)
        self._always_open = schedule.always_open
        self._days: dict[date, tuple[Interval, ...]] = {}

    def intervals(self, day: date) -> tuple[Interval, ...]:
        """The day's opening ranges as epoch microseconds, in order, empty ones dropped."""
        cached = self._days.get(day)
        if cached is None:
            if len(self._days) >= self._CACHE_LIMIT:
                self._days.clear()
            ranges = self.schedule.ranges_on(day)
            # Only where the offset changes can a wall time be missing: spare other days the search.
            gaps = bool(ranges) and self._offset(day, 0) != self._offset(day + timedelta(days=1), 1)
            cached = self._days[day] = tuple(
                (a, b)
                for a, b in (
                    (self._instant(day, start, gaps), self._instant(day, end, gaps)) for start, end in ranges
                )
                if a < b  # a range inside a spring-forward gap has no length
            )
        return cached

    def _offset(self, day: date, fold: int) -> timedelta | None:
        # fold=1 at the day's end: a midnight inside a gap reads with the new offset, so still counts.
        return datetime(day.year, day.month, day.day, tzinfo=self.zone, fold=fold).utcoffset()

    def _instant(self, day: date, minute: int, gaps: bool) -> int:
        if minute == MINUTES_PER_DAY:
            day, minute = day + timedelta(days=1), 0
        # A wall time that exists twice (autumn) is read with fold=0, its first occurrence. One that
        # does not exist (spring forward) is the moment the clock jumped over it: read with either
        # offset it would land an hour (or half) inside the time on one side of the gap, and ranges
        # would turn inside out or overlap. So wall time to instant never goes backwards.
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.zone)
        seconds = int(local.timestamp())
        if gaps and (earlier := int(local.replace(fold=1).timestamp())) < seconds:
            seconds = self._jump(earlier, seconds)  # only in a gap does the later offset read earlier
        return seconds * _US

    def _jump(self, before: int, after: int) -> int:
        """The first second with the offset `after` has, searched down to `before` (the old offset)."""
        new_offset = datetime.fromtimestamp(after, self.zone).utcoffset()
        while after - before > 1:
            middle = (before + after) // 2
            if datetime.fromtimestamp(middle, self.zone).utcoffset() == new_offset:
                after = middle
            else:
                before = middle
        return after

    def _local_date(self, instant: int) -> date:
        return datetime.fromtimestamp(instant // _US, self.zone).date()

    def add(self, start: datetime, seconds: float) -> datetime:
        """The instant at which `seconds` of working time after `start` have passed.

        A start in closed hours counts from the next opening; zero seconds give that opening."""
        return from_instant(self.add_instant(instant(start), round(seconds * _US)))

    def add_instant(self, start: int, microseconds: int) -> int:
        if microseconds < 0:
            raise ValueError("cannot add negative working time")
        if self._always_open:
            return start + microseconds
        remaining = microseconds
        day = self._local_date(start) - timedelta(days=1)  # yesterday's range may run past midnight
        for _ in range(MAX_DAYS):
            for opens, closes in self.intervals(day):
                if closes <= start:
                    continue
                begin = opens if opens > start else start
                if begin + remaining <= closes:
                    return begin + remaining
                remaining -= closes - begin
            day += timedelta(days=1)
        raise NeverOpen(f"no working time within {MAX_DAYS} days of {from_instant(start).isoformat()}")

    def between(self, start: datetime, end: datetime) -> float:
        """Seconds of working time from `start` to `end`; 0 if `end` is not after `start`."""
        return self.between_instants(instant(start), instant(end)) / _US

    def between_instants(self, start: int, end: int) -> int:
        if end <= start:
            return 0
        if self._always_open:
            return end - start
        total = 0
        day = self._local_date(start) - timedelta(days=1)
        last = self._local_date(end)
        while day <= last:
            for opens, closes in self.intervals(day):
                low = opens if opens > start else start
                high = closes if closes < end else end
                if high > low:
                    total += high - low
            day += timedelta(days=1)
        return total

    def is_open(self, at: datetime) -> bool:
        moment = instant(at)
        day = self._local_date(moment)
        return any(
            opens <= moment < closes
            for d in (day - timedelta(days=1), day)
            for opens, closes in self.intervals(d)
        )

    def next_opening(self, at: datetime) -> datetime:
        """`at` itself when open, else the next moment the calendar opens."""
        return self.add(at, 0)


def instant(moment: datetime) -> int:
    """Microseconds since the epoch of an aware datetime, exactly."""
    return (moment - _EPOCH) // _ONE_US


def from_instant(microseconds: int) -> datetime:
    return _EPOCH + timedelta(microseconds=microseconds)
