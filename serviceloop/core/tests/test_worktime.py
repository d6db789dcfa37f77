"""Business-calendar arithmetic: concrete due times, daylight-saving days, properties on random calendars."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from serviceloop.core.worktime import (
    MAX_DAYS,
    MINUTES_PER_DAY,
    NeverOpen,
    Schedule,
    WorkingTime,
    from_instant,
    instant,
    weekly_hours,
)

US = 1_000_000
MINUTE, DAY = 60 * US, 86400 * US
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe", "UTC")
OFFICE = weekly_hours(range(5), "09:00-12:00", "13:30-18:00")
EVERY_DAY = range(7)
WHOLE_WEEK = weekly_hours(EVERY_DAY, "00:00-24:00")
NATIONAL_DAY = frozenset(date(2026, 10, d) for d in range(1, 8))


def at(zone: ZoneInfo, year: int, month: int, day: int, *clock: int, fold: int = 0) -> datetime:
    hour, minute, second = (*clock, 0, 0, 0)[:3]
    return datetime(year, month, day, hour, minute, second, tzinfo=zone, fold=fold)


def midnight(zone: ZoneInfo, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def office(**extra: object) -> WorkingTime:
    return WorkingTime(Schedule("Asia/Shanghai", OFFICE, **extra))  # type: ignore[arg-type]


def daily(zone: str, *ranges: str) -> WorkingTime:
    return WorkingTime(Schedule(zone, weekly_hours(EVERY_DAY, *ranges)))


# --- parsing and validation -------------------------------------------------------------------------


def test_weekly_hours_parses_ranges_onto_the_chosen_weekdays():
    week = weekly_hours([0, 2], "09:00-12:00", " 13:30 - 24:00 ")
    assert week == (((540, 720), (810, 1440)), (), ((540, 720), (810, 1440)), (), (), (), ())


@pytest.mark.parametrize(
    "weekly",
    [
        ((),) * 6,  # six days
        ((),) * 8,
        (((600, 600),),) + ((),) * 6,  # empty range
        (((600, 540),),) + ((),) * 6,  # end before start
        (((600, 1441),),) + ((),) * 6,  # past midnight
        (((-1, 60),),) + ((),) * 6,
        (((540, 720), (700, 800)),) + ((),) * 6,  # overlapping
        (((810, 1080), (540, 720)),) + ((),) * 6,  # out of order
    ],
)
def test_schedule_rejects_bad_weeks(weekly):
    with pytest.raises(ValueError):
        Schedule("UTC", weekly)


def test_negative_working_time_is_refused():
    w = office()
    with pytest.raises(ValueError):
        w.add(at(SHANGHAI, 2026, 6, 1, 10, 0), -1)
    with pytest.raises(ValueError):
        w.add_instant(0, -1)


def test_a_calendar_that_never_opens_raises_instead_of_looping():
    w = WorkingTime(Schedule("Europe/Berlin", ((),) * 7))
    with pytest.raises(NeverOpen):
        w.add(at(BERLIN, 2026, 6, 1, 10, 0), 60)
    with pytest.raises(NeverOpen):
        w.next_opening(at(BERLIN, 2026, 6, 1, 10, 0))
    assert w.between(at(BERLIN, 2026, 1, 1, 0, 0), at(BERLIN, 2027, 1, 1, 0, 0)) == 0
    assert not w.is_open(at(BERLIN, 2026, 6, 1, 10, 0))


# --- concrete tickets on a Shanghai office calendar (Mon-Fri 09:00-12:00, 13:30-18:00) ---------------


@pytest.mark.parametrize(
    ("received", "hours", "due"),
    [
        ((2026, 6, 19, 10, 0), 4, (2026, 6, 22, 14, 30)),  # on a holiday (Friday): counts from Monday
        ((2026, 6, 20, 20, 0), 2, (2026, 6, 22, 11, 0)),  # Saturday evening
        ((2026, 6, 1, 12, 30), 1, (2026, 6, 1, 14, 30)),  # lunch break: counts from 13:30
        ((2026, 6, 1, 9, 0), 3, (2026, 6, 1, 12, 0)),  # at opening; due at the closing edge, not 13:30
        ((2026, 6, 1, 18, 0), 1, (2026, 6, 2, 10, 0)),  # at closing time
        ((2026, 6, 1, 9, 0), 8, (2026, 6, 2, 9, 30)),  # 7.5 hours a day
        ((2026, 6, 1, 12, 0), 0, (2026, 6, 1, 13, 30)),  # zero from the closing edge: the next opening
        ((2026, 6, 1, 17, 0), 0.5, (2026, 6, 1, 17, 30)),
    ],
)
def test_due_times_on_the_office_calendar(received, hours, due):
    w = office(holidays=frozenset({date(2026, 6, 19)}))
    start = at(SHANGHAI, *received)
    result = w.add(start, hours * 3600)
    assert result == at(SHANGHAI, *due)
    assert w.between(start, result) == hours * 3600


def test_is_open_and_next_opening():
    w = office()
    assert w.is_open(at(SHANGHAI, 2026, 6, 1, 9, 0))
    assert w.is_open(at(SHANGHAI, 2026, 6, 1, 11, 59, 59))
    assert not w.is_open(at(SHANGHAI, 2026, 6, 1, 12, 0))
    assert not w.is_open(at(SHANGHAI, 2026, 6, 1, 18, 0))
    assert not w.is_open(at(SHANGHAI, 2026, 6, 6, 10, 0))  # Saturday
    open_now = at(SHANGHAI, 2026, 6, 1, 10, 17)
    assert w.next_opening(open_now) == open_now
    assert w.next_opening(at(SHANGHAI, 2026, 6, 1, 12, 0)) == at(SHANGHAI, 2026, 6, 1, 13, 30)
    assert w.next_opening(at(SHANGHAI, 2026, 6, 5, 18, 0)) == at(SHANGHAI, 2026, 6, 8, 9, 0)


def test_an_extra_working_day_works_the_hours_of_the_weekday_it_stands_for():
    # 调休: Sunday 2026-09-27 is worked with Monday's hours, then the National Day week is off.
    w = office(holidays=NATIONAL_DAY, extra_days={date(2026, 9, 27): 0, date(2026, 10, 10): 4})
    assert w.add(at(SHANGHAI, 2026, 9, 25, 17, 0), 2 * 3600) == at(SHANGHAI, 2026, 9, 27, 10, 0)
    assert w.add(at(SHANGHAI, 2026, 9, 30, 17, 0), 2 * 3600) == at(SHANGHAI, 2026, 10, 8, 10, 0)
    assert w.is_open(at(SHANGHAI, 2026, 10, 10, 15, 0))  # a Saturday worked as a Friday
    assert not w.is_open(at(SHANGHAI, 2026, 10, 11, 10, 0))


def test_an_extra_day_overrides_a_holiday():
    schedule = Schedule("Asia/Shanghai", OFFICE, holidays=NATIONAL_DAY, extra_days={date(2026, 10, 7): 2})
    assert schedule.ranges_on(date(2026, 10, 7)) == OFFICE[2]
    assert schedule.ranges_on(date(2026, 10, 6)) == ()


def test_yearly_holidays_recur_and_feb_29_only_in_leap_years():
    w = WorkingTime(Schedule("Europe/Berlin", WHOLE_WEEK, yearly_holidays=frozenset({(12, 25), (2, 29)})))
    for year in (2026, 2027, 2028, 2035):
        assert not w.is_open(at(BERLIN, year, 12, 25, 10, 0))
        assert w.is_open(at(BERLIN, year, 12, 24, 10, 0)) and w.is_open(at(BERLIN, year, 12, 26, 10, 0))
        assert w.between(at(BERLIN, year, 12, 24, 0, 0), at(BERLIN, year, 12, 27, 0, 0)) == 2 * 86400
    assert not w.is_open(at(BERLIN, 2028, 2, 29, 12, 0))
    assert w.between(at(BERLIN, 2028, 2, 28, 0, 0), at(BERLIN, 2028, 3, 2, 0, 0)) == 2 * 86400
    assert w.between(at(BERLIN, 2027, 2, 28, 0, 0), at(BERLIN, 2027, 3, 2, 0, 0)) == 2 * 86400


# --- daylight saving ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Berlin", date(2026, 3, 29), 2),
        ("Europe/Berlin", date(2026, 10, 25), 4),
        ("Europe/Berlin", date(2026, 3, 28), 3),
        ("America/New_York", date(2026, 3, 8), 2),
        ("America/New_York", date(2026, 11, 1), 4),
    ],
)
def test_a_range_across_a_clock_change_lasts_as_long_as_the_wall_clock_ran(zone, day, hours):
    tz = ZoneInfo(zone)
    start, end = midnight(tz, day), midnight(tz, day + timedelta(1))
    assert daily(zone, "01:00-04:00").between(start, end) == hours * 3600
    whole_day = 24 + hours - 3
    assert WorkingTime(Schedule(zone, WHOLE_WEEK)).between(start, end) == whole_day * 3600
    # A holiday far away takes the 24x7 calendar off its shortcut onto the day-by-day path.
    slow = WorkingTime(Schedule(zone, WHOLE_WEEK, holidays=frozenset({date(1999, 1, 1)})))
    assert slow.between(start, end) == whole_day * 3600


def test_due_times_across_a_clock_change_land_on_the_right_wall_clock_time():
    berlin_office = WorkingTime(Schedule("Europe/Berlin", weekly_hours(range(5), "09:00-17:00")))
    due = berlin_office.add(at(BERLIN, 2026, 3, 27, 16, 0), 2 * 3600)
    assert due == at(BERLIN, 2026, 3, 30, 10, 0)
    assert due.astimezone(BERLIN).utcoffset() == timedelta(hours=2)
    ny_office = WorkingTime(Schedule("America/New_York", weekly_hours(range(5), "09:00-17:00")))
    due = ny_office.add(at(NEW_YORK, 2026, 10, 30, 16, 0), 2 * 3600)
    assert due == at(NEW_YORK, 2026, 11, 2, 10, 0)
    assert due.astimezone(NEW_YORK).utcoffset() == timedelta(hours=-5)
    always = WorkingTime(Schedule("Europe/Berlin", WHOLE_WEEK))
    assert always.add(at(BERLIN, 2026, 3, 28, 12, 0), 24 * 3600) == at(BERLIN, 2026, 3, 29, 13, 0)
    night = daily("Europe/Berlin", "01:00-04:00")
    assert night.add(at(BERLIN, 2026, 3, 29, 1, 30), 3600) == at(BERLIN, 2026, 3, 29, 3, 30)
    assert night.add(at(BERLIN, 2026, 10, 25, 1, 0), 3 * 3600) == at(BERLIN, 2026, 10, 25, 3, 0)
    # 01:30 summer time plus 90 minutes is the second 02:00, in winter time (compared in UTC: Python
    # never finds a time in a repeated hour equal to one in another zone).
    second_two = at(BERLIN, 2026, 10, 25, 2, 0, fold=1).astimezone(UTC)
    assert night.add(at(BERLIN, 2026, 10, 25, 1, 30), 90 * 60) == second_two


def test_wall_times_skipped_in_spring_open_when_the_clock_jumps_and_never_overlap():
    # Read with the old offset, 02:30 would be 03:30 summer time: a 02:15-02:45 range would invent
    # half an hour and 02:30-02:45 would overlap 03:00-04:00, counting it twice.
    spring, start, end = date(2026, 3, 29), at(BERLIN, 2026, 3, 29), at(BERLIN, 2026, 3, 30)
    assert daily("Europe/Berlin", "02:15-02:45").intervals(spring) == ()
    assert daily("Europe/Berlin", "02:30-03:30").between(start, end) == 30 * 60
    assert daily("Europe/Berlin", "01:00-02:30").between(start, end) == 3600
    split = daily("Europe/Berlin", "02:30-02:45", "03:00-04:00")
    assert split.between(start, end) == 3600
    assert split.add(start, 5 * 60) == at(BERLIN, 2026, 3, 29, 3, 5)
    assert split.between(start, split.add(start, 5 * 60)) == 5 * 60


# --- properties on random calendars ------------------------------------------------------------------

LOW, HIGH = instant(datetime(2020, 1, 1, tzinfo=UTC)), instant(datetime(2036, 1, 1, tzinfo=UTC))
# Minutes where the clocks of these zones change, and office-like ones, come up more often than by chance.
EDGES = (0, 60, 90, 105, 120, 135, 150, 165, 180, 210, 240, 540, 720, 810, 1080, 1425, 1440)


@cache
def clock_changes(zone: str) -> tuple[date, ...]:
    tz, days = ZoneInfo(zone), []
    day, offset = date(2020, 1, 1), midnight(tz, date(2020, 1, 1)).utcoffset()
    while day.year < 2036:
        day += timedelta(1)
        noon = midnight(tz, day) + timedelta(hours=12)
        if noon.utcoffset() != offset:
            days.append(day)
            offset = noon.utcoffset()
    return tuple(days)


def paired(cuts: list[int]) -> tuple[tuple[int, int], ...]:
    cuts = sorted(cuts)
    return tuple(zip(cuts[0:-1:2], cuts[1::2], strict=False))


# Strategies are built once: building them inside a composite draw costs more than the test itself.
WEEKS = st.lists(
    st.lists(st.one_of(st.sampled_from(EDGES), st.integers(0, MINUTES_PER_DAY)), max_size=6, unique=True).map(
        paired
    ),
    min_size=7,
    max_size=7,
).filter(any)
DAYS_AWAY = st.lists(st.integers(-2, 40), max_size=8)
EXTRA_DAYS = st.lists(st.tuples(st.integers(-2, 40), st.integers(0, 6)), max_size=3)


@st.composite
def starts(draw, zone: str):
    changes = clock_changes(zone)
    if changes and draw(st.booleans()):
        day = draw(st.sampled_from(changes))
        moment = instant(midnight(ZoneInfo(zone), day)) + draw(st.integers(-3 * DAY, DAY))
    else:
        moment = draw(st.integers(LOW, HIGH))
    return moment - moment % MINUTE if draw(st.booleans()) else moment


@dataclass
class Case:
    schedule: Schedule
    start: int

    def local_date(self, moment: int) -> date:
        return from_instant(moment).astimezone(ZoneInfo(self.schedule.zone)).date()


@st.composite
def cases(draw):
    zone = draw(st.sampled_from(ZONES))
    start = draw(starts(zone))
    anchor = from_instant(start).astimezone(ZoneInfo(zone)).date()
    weekly = tuple(draw(WEEKS))
    holidays = frozenset(anchor + timedelta(days) for days in draw(DAYS_AWAY))
    yearly = {(d.month, d.day) for d in (anchor + timedelta(days) for days in draw(DAYS_AWAY)[:2])}
    if draw(st.booleans()):
        yearly.add((2, 29))
    extra = {anchor + timedelta(days): weekday for days, weekday in draw(EXTRA_DAYS)}
    return Case(Schedule(zone, weekly, holidays, frozenset(yearly), extra), start)


durations = st.one_of(
    st.integers(0, 3 * 7 * DAY), st.integers(0, US), st.integers(0, 72 * 60).map(lambda m: m * MINUTE)
)
PROPERTY = settings(max_examples=150, deadline=None)


def add_or_none(w: WorkingTime, start: int, duration: int) -> int | None:
    """add_instant, and when the calendar has too little time for it, proof that NeverOpen was right."""
    try:
        return w.add_instant(start, duration)
    except NeverOpen:
        assert w.between_instants(start, start + (MAX_DAYS - 3) * DAY) < duration
        return None


@PROPERTY
@given(cases(), durations)
def test_adding_then_measuring_gives_back_the_same_time(case, duration):
    w = WorkingTime(case.schedule)
    due = add_or_none(w, case.start, duration)
    if due is not None:
        assert due >= case.start
        assert w.between_instants(case.start, due) == duration


@PROPERTY
@given(cases(), durations.filter(bool))
def test_a_due_time_is_never_in_closed_hours_or_on_a_holiday(case, duration):
    w, schedule = WorkingTime(case.schedule), case.schedule
    due = add_or_none(w, case.start, duration)
    if due is not None:
        assert w.between_instants(due - 1, due) == 1  # inside an opening, or at its closing edge
        assert w.is_open(from_instant(due - 1))
        day = case.local_date(due - 1)
        holiday = day in schedule.holidays or (day.month, day.day) in schedule.yearly_holidays
        assert day in schedule.extra_days or not holiday
        assert schedule.ranges_on(day)


@PROPERTY
@given(cases(), durations, durations.filter(bool))
def test_more_time_is_never_earlier_and_adding_in_two_steps_is_adding_once(case, first, more):
    w = WorkingTime(case.schedule)
    once = add_or_none(w, case.start, first + more)
    if once is not None:
        halfway = w.add_instant(case.start, first)
        assert halfway <= once
        assert w.add_instant(halfway, more) == once


@PROPERTY
@given(cases(), st.integers(0, 10 * DAY), st.integers(0, 10 * DAY))
def test_between_is_additive_and_never_more_than_the_clock(case, first, second):
    w = WorkingTime(case.schedule)
    a, b, c = case.start, case.start + first, case.start + first + second
    assert w.between_instants(a, b) + w.between_instants(b, c) == w.between_instants(a, c) <= c - a
    assert w.between_instants(c, a) == 0 and w.between_instants(a, a) == 0


@PROPERTY
@given(cases())
def test_the_next_opening_is_open_and_no_time_passes_before_it(case):
    w = WorkingTime(case.schedule)
    opening = add_or_none(w, case.start, 0)
    if opening is not None:
        assert opening >= case.start and w.between_instants(case.start, opening) == 0
        assert w.is_open(from_instant(opening))


def open_minutes(schedule: Schedule, first: int, last: int) -> int:
    """Open minutes in [first, last) (minutes since the epoch), by reading each minute's wall clock.

    A minute in the second pass of a repeated autumn hour counts as the minute before that hour ends:
    range ends inside the repeated hour mean its first pass, as in worktime."""
    zone, count = ZoneInfo(schedule.zone), 0
    for minute in range(first, last):
        wall = datetime.fromtimestamp(minute * 60, zone)
        if wall.fold:
            later = minute
            while datetime.fromtimestamp(later * 60, zone).fold:
                later += 1
            wall = datetime.fromtimestamp(later * 60, zone) - timedelta(minutes=1)
        of_day = wall.hour * 60 + wall.minute
        count += any(start <= of_day < end for start, end in schedule.ranges_on(wall.date()))
    return count


@settings(max_examples=60, deadline=None)
@given(cases(), st.integers(0, 3 * 24 * 60))
def test_between_agrees_with_reading_the_wall_clock_minute_by_minute(case, length):
    first = case.start // MINUTE
    w = WorkingTime(case.schedule)
    assert w.between_instants(first * MINUTE, (first + length) * MINUTE) == (
        open_minutes(case.schedule, first, first + length) * MINUTE
    )


@PROPERTY
@given(st.sampled_from(ZONES).flatmap(lambda zone: st.tuples(st.just(zone), starts(zone))), durations)
def test_the_24x7_shortcut_agrees_with_the_day_by_day_path(zone_start, duration):
    zone, start = zone_start
    fast = WorkingTime(Schedule(zone, WHOLE_WEEK))
    slow = WorkingTime(Schedule(zone, WHOLE_WEEK, holidays=frozenset({date(1999, 1, 1)})))
    assert fast.add_instant(start, duration) == slow.add_instant(start, duration) == start + duration
    assert slow.between_instants(start, start + duration) == duration
