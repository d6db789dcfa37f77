"""Holidays from iCalendar feeds: what the import service makes of them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serviceloop.core.errors import InvalidInput
from serviceloop.sla.models import ExtraWorkingDay, Holiday, Weekday
from serviceloop.sla.services import holiday_import
from serviceloop.sla.services.calendars import working_time
from serviceloop.sla.services.holiday_import import import_holidays

from .ical_feeds import (
    CHINA_2024,
    LABOUR_DAY,
    LONG_NAME,
    NATIONAL_DAY,
    at_ten,
    event,
    feed,
    holidays,
    ics,
    worked,
)


def test_a_chinese_feed_becomes_holidays_and_worked_days(shanghai):
    result = import_holidays(shanghai, CHINA_2024)

    assert holidays(shanghai) == {
        **{day: ("国庆节 假期", False) for day in NATIONAL_DAY},
        **{day: (LONG_NAME, False) for day in LABOUR_DAY},
        date(2020, 12, 25): ("Christmas Day", True),
    }
    assert worked(shanghai) == {
        date(2024, 9, 29): ("国庆节 补班", Weekday.MONDAY),
        date(2024, 10, 12): ("国庆节调休上班", Weekday.MONDAY),
    }
    assert (result.added, result.updated, result.unchanged, result.removed) == (15, 0, 0, 0)
    assert result.skipped == 2
    assert result.problems == [
        "“Bridge day” (2024-06-03): skipped, the event is cancelled.",
        "“Team meeting” (2024-06-10): skipped, it starts at a time of day; "
        "only whole-day events are imported.",
    ]


def test_the_calendar_arithmetic_sees_the_import_at_once(shanghai):
    before = working_time(shanghai)
    assert before.is_open(at_ten(date(2024, 10, 3)))  # a Thursday, before the import

    import_holidays(shanghai, CHINA_2024)

    hours = working_time(shanghai)  # the same instance: its revision was touched in place
    assert hours is not before
    assert not any(hours.is_open(at_ten(day)) for day in NATIONAL_DAY + LABOUR_DAY)
    assert hours.is_open(at_ten(date(2024, 10, 8)))  # DTEND is exclusive
    assert hours.is_open(at_ten(date(2024, 9, 29))) and hours.is_open(at_ten(date(2024, 10, 12)))
    assert not hours.is_open(at_ten(date(2024, 10, 13)))  # an ordinary Sunday
    assert not hours.is_open(at_ten(date(2026, 12, 25)))  # Christmas, every year: a Friday
    assert hours.is_open(at_ten(date(2024, 6, 3))) and hours.is_open(at_ten(date(2024, 6, 10)))


def test_rows_are_written_in_bulk_and_the_calendar_touched_once(shanghai):
    revision = shanghai.revision
    with CaptureQueriesContext(connection) as queries:
        import_holidays(shanghai, CHINA_2024)
    touches = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "sla_businesscalendar"')]
    assert len(touches) == 1 and len(queries) <= 10
    shanghai.refresh_from_db()
    assert shanghai.revision != revision


def test_importing_the_same_file_again_changes_nothing(shanghai):
    import_holidays(shanghai, CHINA_2024)
    shanghai.refresh_from_db()
    revision, before = shanghai.revision, (holidays(shanghai), worked(shanghai))

    again = import_holidays(shanghai, CHINA_2024)

    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 15, 0)
    assert (holidays(shanghai), worked(shanghai)) == before
    shanghai.refresh_from_db()
    assert shanghai.revision == revision  # nothing changed, so no process reloads the calendar


def test_a_renamed_event_updates_its_rows_and_an_administrators_weekday_survives(shanghai):
    import_holidays(shanghai, CHINA_2024)
    ExtraWorkingDay.objects.filter(date=date(2024, 10, 12)).update(works_like=Weekday.FRIDAY)

    renamed = CHINA_2024.replace("国庆节 假期".encode(), "国庆节".encode()).replace(
        "国庆节调休上班".encode(), "国庆节 上班".encode()
    )
    result = import_holidays(shanghai, renamed)

    assert (result.added, result.updated, result.unchanged) == (0, 8, 7)
    assert holidays(shanghai)[date(2024, 10, 1)] == ("国庆节", False)
    assert worked(shanghai)[date(2024, 10, 12)] == ("国庆节 上班", Weekday.FRIDAY)


def test_a_date_both_closed_and_worked_in_the_file_is_worked(shanghai):
    data = feed(
        event("DTSTART;VALUE=DATE:20241001", "DTEND;VALUE=DATE:20241008", "SUMMARY:National Day"),
        event("DTSTART;VALUE=DATE:20241005", "SUMMARY:Working day"),
    )
    result = import_holidays(shanghai, data)

    assert date(2024, 10, 5) not in holidays(shanghai) and len(holidays(shanghai)) == 6
    assert worked(shanghai) == {date(2024, 10, 5): ("Working day", Weekday.MONDAY)}
    assert result.problems == [
        "2024-10-05 is both a holiday and a worked day in the file; it is imported as a worked day."
    ]
    assert working_time(shanghai).is_open(at_ten(date(2024, 10, 5)))


def test_a_holiday_on_an_existing_worked_day_is_reported_as_having_no_effect(shanghai):
    ExtraWorkingDay.objects.create(calendar=shanghai, date=date(2024, 10, 5), name="Stocktaking")
    result = import_holidays(shanghai, feed(event("DTSTART;VALUE=DATE:20241005", "SUMMARY:Closed")))
    assert result.added == 1
    assert result.problems == [
        "2024-10-05 stays open: this calendar has an extra working day on it, which outweighs a holiday."
    ]


@pytest.mark.parametrize(
    ("summary", "categories", "is_worked"),
    [
        ("Working day", None, True),
        ("Bridge workday (Saturday)", None, True),
        ("Holiday", "Holiday,Work day", True),
        ("Non-working day", None, False),
        ("Nonworking day", None, False),
        ("Network Day", None, False),
        ("春节", "休", False),
    ],
)
def test_worked_days_are_told_by_summary_or_categories(shanghai, summary, categories, is_worked):
    lines = ["DTSTART;VALUE=DATE:20250104", f"SUMMARY:{summary}"]
    if categories:
        lines.append(f"CATEGORIES:{categories}")
    import_holidays(shanghai, feed(event(*lines)))
    assert (date(2025, 1, 4) in worked(shanghai)) is is_worked
    assert (date(2025, 1, 4) in holidays(shanghai)) is not is_worked


def test_only_a_rule_repeating_the_same_date_for_ever_makes_a_yearly_holiday(shanghai):
    data = feed(
        event("DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=YEARLY", "SUMMARY:New Year"),
        event("DTSTART;VALUE=DATE:20251224", "DURATION:P3D", "RRULE:FREQ=YEARLY;INTERVAL=1", "SUMMARY:Xmas"),
        event("DTSTART;VALUE=DATE:20250501", "RRULE:FREQ=YEARLY;COUNT=3", "SUMMARY:Three times"),
        event("DTSTART;VALUE=DATE:20251127", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "SUMMARY:Thanks"),
        event("DTSTART;VALUE=DATE:20250703", "RRULE:FREQ=YEARLY;INTERVAL=2", "SUMMARY:Every other"),
    )
    result = import_holidays(shanghai, data)
    assert holidays(shanghai) == {
        date(2025, 1, 1): ("New Year", True),
        date(2025, 12, 24): ("Xmas", True),
        date(2025, 12, 25): ("Xmas", True),
        date(2025, 12, 26): ("Xmas", True),
        date(2025, 5, 1): ("Three times", False),
        date(2025, 11, 27): ("Thanks", False),
        date(2025, 7, 3): ("Every other", False),
    }
    assert len(result.problems) == 3 and all("RRULE" in problem for problem in result.problems)


def test_a_yearly_holiday_is_matched_by_its_day_and_never_made_a_one_off(shanghai):
    Holiday.objects.create(calendar=shanghai, date=date(2023, 12, 25), name="Weihnachten", yearly=True)
    Holiday.objects.create(calendar=shanghai, date=date(2024, 1, 1), name="Neujahr", yearly=True)
    data = feed(
        event("DTSTART;VALUE=DATE:20201225", "RRULE:FREQ=YEARLY", "SUMMARY:Christmas Day"),
        event("DTSTART;VALUE=DATE:20240101", "SUMMARY:New Year's Day 2024"),
    )
    result = import_holidays(shanghai, data)
    assert (result.added, result.updated) == (0, 2)
    assert holidays(shanghai) == {
        date(2023, 12, 25): ("Christmas Day", True),
        date(2024, 1, 1): ("New Year's Day 2024", True),
    }


def test_odd_but_readable_events(shanghai):
    data = feed(
        event("DTSTART;VALUE=DATE:20250210", "DTEND;VALUE=DATE:20250210", "SUMMARY:Same end"),
        event("DTSTART;VALUE=DATE:20250301"),
        event("DTSTART;VALUE=DATE:20250401", "DTEND:20250402T000000", "SUMMARY:Timed end"),
        event("DTSTART;VALUE=DATE:20250501", "DTEND;VALUE=DATE:20260601", "SUMMARY:Too long"),
        event("SUMMARY:No start"),
        event("DTSTART;VALUE=DATE:99991231", "SUMMARY:Last day"),
        event("DTSTART;VALUE=DATE:99991231", "DURATION:P2D", "SUMMARY:Beyond"),
    )
    result = import_holidays(shanghai, data)
    assert holidays(shanghai) == {
        date(2025, 2, 10): ("Same end", False),
        date(2025, 3, 1): ("", False),
        date(9999, 12, 31): ("Last day", False),
    }
    assert result.skipped == 4
    assert [problem.split(":")[0] for problem in result.problems] == [
        "“Timed end” (2025-04-01)",
        "“Too long” (2025-05-01)",
        "“No start”",
        "“Beyond” (9999-12-31)",
    ]


def test_rows_are_never_deleted_without_replace_from(shanghai):
    Holiday.objects.create(calendar=shanghai, date=date(2024, 11, 11), name="Shop closed")
    ExtraWorkingDay.objects.create(calendar=shanghai, date=date(2024, 11, 16), name="Stocktaking")
    result = import_holidays(shanghai, CHINA_2024)
    assert result.removed == 0
    assert date(2024, 11, 11) in holidays(shanghai) and date(2024, 11, 16) in worked(shanghai)


def test_replace_from_removes_one_off_days_from_that_date_that_the_file_does_not_name(shanghai):
    import_holidays(shanghai, CHINA_2024)
    Holiday.objects.create(calendar=shanghai, date=date(2024, 1, 1), name="Before")
    Holiday.objects.create(calendar=shanghai, date=date(2024, 11, 11), name="After")
    Holiday.objects.create(calendar=shanghai, date=date(2019, 6, 1), name="Children's Day", yearly=True)
    ExtraWorkingDay.objects.create(calendar=shanghai, date=date(2024, 2, 4), name="Before")
    ExtraWorkingDay.objects.create(calendar=shanghai, date=date(2024, 11, 16), name="After")
    without_labour_day = CHINA_2024.replace(b"UID:labour-day", b"STATUS:CANCELLED\r\nUID:labour-day")

    result = import_holidays(shanghai, without_labour_day, replace_from=date(2024, 5, 3))

    assert result.removed == 5  # 3 and 4 May, 5 May, 11 November, 16 November: not before the date
    kept = {date(2020, 12, 25), date(2024, 1, 1), date(2019, 6, 1), date(2024, 5, 1), date(2024, 5, 2)}
    assert set(holidays(shanghai)) == {*NATIONAL_DAY, *kept}
    assert set(worked(shanghai)) == {date(2024, 2, 4), date(2024, 9, 29), date(2024, 10, 12)}


def test_replace_from_with_a_file_of_nothing_to_import_is_refused(shanghai):
    import_holidays(shanghai, CHINA_2024)
    with pytest.raises(InvalidInput) as refused:
        import_holidays(shanghai, feed(), replace_from=date(2024, 1, 1))
    assert refused.value.field == "replace_from" and "2024-01-01" in refused.value.message
    assert len(holidays(shanghai)) == 13


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (b"Date,Holiday\r\n2024-10-01,National Day\r\n", "not valid iCalendar"),
        (b"\xff\xfe\x00B\x00E\x00G\x00I\x00N", "not UTF-8"),
        (ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20241001", "END:VEVENT"), "BEGIN:VCALENDAR"),
        (CHINA_2024[:-15], "not valid iCalendar"),  # cut off before END:VCALENDAR
        (CHINA_2024.replace("假期".encode(), b"\x00"), "NUL"),
        (CHINA_2024 + b" " * (2 * 1024 * 1024), "larger than 2 MB"),
    ],
)
def test_what_is_no_icalendar_file_is_refused_and_nothing_written(shanghai, data, says):
    revision = shanghai.revision
    with pytest.raises(InvalidInput) as refused:
        import_holidays(shanghai, data)
    assert says in refused.value.message and refused.value.field == "file"
    assert not Holiday.objects.exists() and not ExtraWorkingDay.objects.exists()
    shanghai.refresh_from_db()
    assert shanghai.revision == revision


def test_a_feed_naming_too_many_days_is_refused(shanghai, monkeypatch):
    monkeypatch.setattr(holiday_import, "MAX_DAYS", 10)
    with pytest.raises(InvalidInput, match="more than 10 days"):
        import_holidays(shanghai, CHINA_2024)
    assert not Holiday.objects.exists()


def test_a_failure_while_writing_leaves_nothing_behind(shanghai, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(holiday_import, "_write_worked_days", fail)
    with pytest.raises(RuntimeError):
        import_holidays(shanghai, CHINA_2024)
    assert not Holiday.objects.exists()


_LINES = st.sampled_from(
    [
        "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VALARM", "END:VALARM",
        "DTSTART;VALUE=DATE:20241001", "DTSTART:2024", "DTSTART;TZID=Nowhere/City:20240101T100000",
        "DTSTART;VALUE=DATE:00010101", "DTEND;VALUE=DATE:99991231", "DTEND:x", "DURATION:P400D",
        "DURATION:-P1D", "DURATION:PT1H", "DURATION:nonsense", "RRULE:FREQ=YEARLY", "RRULE:FREQ=NEVER",
        "RRULE:FREQ=YEARLY;BYMONTH=13", "EXDATE:x", "SUMMARY:补班", "SUMMARY:", "CATEGORIES:a,b",
        "STATUS:CANCELLED", " folded", 'X-A;P="a:b":c',
    ]
)  # fmt: skip
_ALMOST_ICS = st.lists(_LINES | st.text(max_size=40), max_size=16).map(
    lambda lines: ("\r\n".join(["BEGIN:VCALENDAR", "BEGIN:VEVENT", *lines])).encode()
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | _ALMOST_ICS)
def test_any_bytes_are_imported_or_refused_with_invalid_input(shanghai, data):
    try:
        result = import_holidays(shanghai, data)
    except InvalidInput as refused:
        assert refused.message
    else:
        assert min(result.added, result.updated, result.unchanged, result.skipped) >= 0
