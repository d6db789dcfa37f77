from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import BusinessCalendar, Emergency, Holiday, OpeningHours, SlaPolicy, SlaTarget

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


class Now:
    """The time the code under test sees, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, start: datetime) -> None:
        self.value = start
        monkeypatch.setattr(timezone, "now", lambda: self.value)

    def __call__(self) -> datetime:
        return self.value

    def set(self, value: datetime) -> datetime:
        self.value = value
        return value


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> Now:
    return Now(monkeypatch, berlin(2026, 11, 23, 16, 30))  # a Monday


@pytest.fixture
def office(db) -> BusinessCalendar:
    """Berlin office: Monday to Friday 09:00-12:00 and 13:00-17:00, closed on Christmas Day."""
    calendar = BusinessCalendar.objects.create(name="Berlin office", time_zone="Europe/Berlin")
    for weekday in range(5):
        OpeningHours.objects.create(calendar=calendar, weekday=weekday, opens=time(9), closes=time(12))
        OpeningHours.objects.create(calendar=calendar, weekday=weekday, opens=time(13), closes=time(17))
    Holiday.objects.create(calendar=calendar, date=date(2026, 12, 25), name="Christmas", yearly=True)
    calendar.refresh_from_db()
    return calendar


def add_targets(policy: SlaPolicy, **minutes: int | tuple[int, bool]) -> SlaPolicy:
    for metric, value in minutes.items():
        amount, business = value if isinstance(value, tuple) else (value, True)
        SlaTarget.objects.create(
            policy=policy, metric=Metric(metric), minutes=amount, business_hours=business
        )
    return policy


@pytest.fixture
def standard(office: BusinessCalendar) -> SlaPolicy:
    policy = SlaPolicy.objects.create(name="Standard", position=100, calendar=office)
    return add_targets(
        policy, first_response=60, handoff=240, resolution=480, next_update=240, expert_reply=30,
        solution_plan=960, follow_up=(1440, False),
    )  # fmt: skip


@pytest.fixture
def emergency(office: BusinessCalendar) -> SlaPolicy:
    policy = SlaPolicy.objects.create(name="Emergency", position=1, calendar=office, emergency=Emergency.YES)
    return add_targets(policy, first_response=(10, False), resolution=(240, False))


@pytest.fixture
def shanghai(db) -> BusinessCalendar:
    """Shanghai office: Monday to Friday 09:00-18:00."""
    calendar = BusinessCalendar.objects.create(name="Shanghai office", time_zone="Asia/Shanghai")
    for weekday in range(5):
        OpeningHours.objects.create(calendar=calendar, weekday=weekday, opens=time(9), closes=time(18))
    calendar.refresh_from_db()
    return calendar
