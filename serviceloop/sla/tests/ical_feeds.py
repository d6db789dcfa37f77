"""iCalendar feeds and readers of what an import wrote, shared by the holiday import tests."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from serviceloop.sla.models import BusinessCalendar, ExtraWorkingDay, Holiday

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONG_NAME = "劳动节 Labour Day, a summary that a feed folds as its line passes 75 octets"


def ics(*lines: str) -> bytes:
    """An iCalendar file as feeds send it: CRLF line ends, UTF-8."""
    return ("\r\n".join(lines) + "\r\n").encode()


def event(*lines: str) -> tuple[str, ...]:
    return ("BEGIN:VEVENT", *lines, "END:VEVENT")


def feed(*events: tuple[str, ...]) -> bytes:
    body = [line for e in events for line in e]
    return ics("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Serviceloop tests//EN", *body, "END:VCALENDAR")


# National Day 2024: closed 1-7 October, worked on Sunday 29 September and Saturday 12 October.
CHINA_2024 = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Serviceloop tests//China holidays//ZH",
    "X-WR-CALNAME:中国节假日",
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "END:STANDARD",
    "END:VTIMEZONE",
    *event(
        "UID:2024-national-day@test",
        "DTSTART;VALUE=DATE:20241001",
        "DTEND;VALUE=DATE:20241008",
        "SUMMARY:国庆节 假期",
        "TRANSP:TRANSPARENT",
    ),
    *event("UID:2024-09-29@test", "DTSTART;VALUE=DATE:20240929", "SUMMARY:国庆节 补班"),
    *event("UID:2024-10-12@test", "DTSTART;VALUE=DATE:20241012", "DURATION:P1D", "SUMMARY:国庆节调休上班"),
    *event(
        "UID:christmas@test",
        "DTSTART;VALUE=DATE:20201225",
        "DTEND;VALUE=DATE:20201226",
        "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25",
        "SUMMARY:Christmas Day",
    ),
    *event(
        "UID:labour-day@test",
        "DTSTART;VALUE=DATE:20240501",
        "DTEND;VALUE=DATE:20240506",
        # Folded as RFC 5545 wants lines over 75 octets: the continuation starts with one space.
        "SUMMARY:劳动节 Labour Day, a summary that a feed folds as its line",
        "  passes 75 octets",
    ),
    *event("UID:cancelled@test", "DTSTART;VALUE=DATE:20240603", "STATUS:CANCELLED", "SUMMARY:Bridge day"),
    *event(
        "UID:meeting@test",
        "DTSTART;TZID=Asia/Shanghai:20240610T100000",
        "DTEND;TZID=Asia/Shanghai:20240610T110000",
        "SUMMARY:Team meeting",
    ),
    "END:VCALENDAR",
)
NATIONAL_DAY = [date(2024, 10, day) for day in range(1, 8)]
LABOUR_DAY = [date(2024, 5, day) for day in range(1, 6)]


def holidays(calendar: BusinessCalendar) -> dict[date, tuple[str, bool]]:
    return {h.date: (h.name, h.yearly) for h in Holiday.objects.filter(calendar=calendar)}


def worked(calendar: BusinessCalendar) -> dict[date, tuple[str, int]]:
    return {d.date: (d.name, d.works_like) for d in ExtraWorkingDay.objects.filter(calendar=calendar)}


def at_ten(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=SHANGHAI)
