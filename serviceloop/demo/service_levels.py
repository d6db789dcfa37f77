"""Demo calendars and SLA policies, shaped on the promises of the policy documents in seeds/."""

from __future__ import annotations

from datetime import date, time

from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import (
    BusinessCalendar,
    Emergency,
    EscalationAction,
    EscalationLevel,
    ExtraWorkingDay,
    Holiday,
    OpeningHours,
    SlaPolicy,
    SlaTarget,
    Weekday,
)
from serviceloop.tickets.models import Channel

# National Day golden week 2026 and the two weekend days worked to make up for it.
_HOLIDAYS = [(date(2026, 1, 1), "元旦", True), *[(date(2026, 10, d), "国庆节", False) for d in range(1, 8)]]
_WORKED = [(date(2026, 9, 27), "国庆调休"), (date(2026, 10, 10), "国庆调休")]


def _calendar(name: str, zone: str, days: range, *ranges: tuple[time, time]) -> BusinessCalendar:
    calendar = BusinessCalendar.objects.create(name=name, time_zone=zone)
    OpeningHours.objects.bulk_create(
        OpeningHours(calendar=calendar, weekday=day, opens=opens, closes=closes)
        for day in days
        for opens, closes in ranges
    )
    calendar.touch()
    return calendar


def _policy(name: str, position: int, calendar: BusinessCalendar, targets: dict[str, tuple[int, bool]],
            **conditions) -> SlaPolicy:  # fmt: skip
    policy = SlaPolicy.objects.create(name=name, position=position, calendar=calendar, **conditions)
    SlaTarget.objects.bulk_create(
        SlaTarget(policy=policy, metric=metric, minutes=minutes, business_hours=business)
        for metric, (minutes, business) in targets.items()
    )
    policy.touch()
    return policy


# The chain the policies describe: the assignee and supervisor at once, the team lead and a higher
# priority after an hour, the support manager after four.
_CHAIN = [
    (0, [EscalationAction.NOTIFY_ASSIGNEE, EscalationAction.NOTIFY_SUPERVISOR]),
    (60, [EscalationAction.REASSIGN_TO_LEAD, EscalationAction.RAISE_PRIORITY]),
    (240, [EscalationAction.NOTIFY_MANAGER]),
]


def _escalate(policy: SlaPolicy, chain: list[tuple[int, list[EscalationAction]]]) -> None:
    EscalationLevel.objects.bulk_create(
        EscalationLevel(policy=policy, after_minutes=after, actions=actions) for after, actions in chain
    )
    policy.touch()


def create_service_levels() -> None:
    office = _calendar(
        "Shanghai office", "Asia/Shanghai", range(5), (time(9), time(12)), (time(13, 30), time(18))
    )
    Holiday.objects.bulk_create(Holiday(calendar=office, date=d, name=n, yearly=y) for d, n, y in _HOLIDAYS)
    ExtraWorkingDay.objects.bulk_create(
        ExtraWorkingDay(calendar=office, date=d, name=n, works_like=Weekday.MONDAY) for d, n in _WORKED
    )
    office.touch()
    hotline = _calendar("Hotline 5x24", "Asia/Shanghai", range(5), (time(0), time(0)))
    m = Metric
    emergency = _policy("Emergency: business stopped", 10, hotline, {
        m.FIRST_RESPONSE: (10, False), m.EXPERT_REPLY: (30, False), m.SOLUTION_PLAN: (240, False),
        m.NEXT_UPDATE: (120, False), m.RESOLUTION: (1440, False), m.FOLLOW_UP: (1440, False),
    }, emergency=Emergency.YES)  # fmt: skip
    _policy("Hotline and executive calls", 20, hotline, {
        m.FIRST_RESPONSE: (10, True), m.HANDOFF: (60, True), m.EXPERT_REPLY: (30, True),
        m.RESOLUTION: (240, True), m.FOLLOW_UP: (1440, False),
    }, channels=[Channel.PHONE, Channel.EXECUTIVE])  # fmt: skip
    _policy("Overseas e-mail", 30, office, {
        m.FIRST_RESPONSE: (60, False), m.HANDOFF: (60, True), m.EXPERT_REPLY: (30, True),
        m.NEXT_UPDATE: (1440, False), m.RESOLUTION: (1440, True), m.FOLLOW_UP: (1440, False),
    }, channels=[Channel.EMAIL, Channel.PORTAL, Channel.API])  # fmt: skip
    standard = _policy("Standard", 100, office, {
        m.FIRST_RESPONSE: (60, True), m.HANDOFF: (240, True), m.EXPERT_REPLY: (30, True),
        m.SOLUTION_PLAN: (960, True), m.RESOLUTION: (2880, True), m.FOLLOW_UP: (1440, False),
    })  # fmt: skip
    # An emergency climbs fast: the support manager hears of a stopped business within the hour.
    _escalate(emergency, [(0, [EscalationAction.NOTIFY_SUPERVISOR]), (15, [EscalationAction.RAISE_PRIORITY,
              EscalationAction.REASSIGN_TO_LEAD]), (60, [EscalationAction.NOTIFY_MANAGER])])  # fmt: skip
    _escalate(standard, _CHAIN)
