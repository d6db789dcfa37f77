"""Business calendars and SLA policies: when service-level clocks run, and what each policy promises.

Times of day are "HH:MM" text on a 24-hour clock in the calendar's zone; weekdays are numbers,
0 = Monday to 6 = Sunday, as in Python and the admin.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

from serviceloop.customers.models import Tier
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import Emergency, EscalationAction, Warranty
from serviceloop.tickets.models import Category, Channel

from .common import Id, Input

_HHMM = "([01][0-9]|2[0-3]):[0-5][0-9]"
_WEEKDAYS = "0 = Monday, 1 = Tuesday, 2 = Wednesday, 3 = Thursday, 4 = Friday, 5 = Saturday, 6 = Sunday"
# The largest id a database row can have: a bigger number is refused here, not by the database driver.
# A year around the clock; longer is a typing slip, and no calendar could place it.
MAX_TARGET_MINUTES = 366 * 24 * 60


def _clock_time(value: Any) -> dt.time:
    if isinstance(value, str) and re.fullmatch(_HHMM, value):
        return dt.time(int(value[:2]), int(value[3:]))
    raise PydanticCustomError(
        "clock_time", _("use HH:MM on a 24-hour clock, e.g. 09:00 or 17:30 (00:00 to close at midnight).")
    )


ClockTime = Annotated[
    dt.time,
    BeforeValidator(_clock_time),
    WithJsonSchema({"type": "string", "pattern": f"^{_HHMM}$", "examples": ["09:00"]}),
]
Weekday = Annotated[int, Field(ge=0, le=6, description=_WEEKDAYS)]
Priority = Annotated[int, Field(ge=1, le=4, description="1 (highest) to 4")]


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


# Calendars.


class OpeningHoursIn(Input):
    weekday: Weekday
    opens: ClockTime = Field(description="HH:MM, local time in the calendar's zone.")
    closes: ClockTime = Field(description="HH:MM, after opens; 00:00 means midnight at the end of the day.")


class OpeningHoursOut(Schema):
    weekday: int = Field(description=_WEEKDAYS)
    opens: str = Field(description="HH:MM")
    closes: str = Field(description="HH:MM; 00:00 means midnight at the end of the day.")

    @staticmethod
    def resolve_opens(obj: Any) -> str:
        return _hhmm(obj.opens)

    @staticmethod
    def resolve_closes(obj: Any) -> str:
        return _hhmm(obj.closes)


class HolidayIn(Input):
    date: dt.date
    name: str = ""
    yearly: bool = Field(False, description="Closed on this month and day every year.")


class HolidayOut(Schema):
    date: dt.date
    name: str
    yearly: bool


class ExtraWorkingDayIn(Input):
    date: dt.date = Field(description="Worked although a weekend day or holiday.")
    works_like: Weekday = Field(0, description=f"The weekday whose opening hours apply: {_WEEKDAYS}.")
    name: str = ""


class ExtraWorkingDayOut(Schema):
    date: dt.date
    works_like: int = Field(description=_WEEKDAYS)
    name: str


_HOURS = "Opening ranges of the week, at least one, none overlapping another on the same day."
_REPLACES = " Sent in a change, it replaces all of them."


class CalendarIn(Input):
    name: str
    time_zone: str = Field(description="IANA name, e.g. Europe/Berlin.")
    description: str = ""
    opening_hours: list[OpeningHoursIn] = Field(description=_HOURS)
    holidays: list[HolidayIn] = Field(default_factory=list)
    extra_working_days: list[ExtraWorkingDayIn] = Field(default_factory=list)


class CalendarPatch(Input):
    """Only the fields sent are changed; a list sent replaces all of its rows."""

    name: str | None = None
    time_zone: str | None = Field(None, description="IANA name, e.g. Europe/Berlin.")
    description: str | None = None
    opening_hours: list[OpeningHoursIn] | None = Field(None, description=_HOURS + _REPLACES)
    holidays: list[HolidayIn] | None = Field(None, description=_REPLACES.strip())
    extra_working_days: list[ExtraWorkingDayIn] | None = Field(None, description=_REPLACES.strip())


class CalendarOut(Schema):
    id: int
    name: str
    time_zone: str
    description: str
    revision: UUID = Field(description="New after every change of the calendar or its rows.")
    opening_hours: list[OpeningHoursOut]
    holidays: list[HolidayOut]
    extra_working_days: list[ExtraWorkingDayOut]


# Policies.


class SlaTargetIn(Input):
    model_config = ConfigDict(use_enum_values=True)

    metric: Metric
    minutes: int = Field(gt=0, le=MAX_TARGET_MINUTES, description="How long the promise may take.")
    business_hours: bool = Field(True, description="Counted in opening hours; false: around the clock.")
    calendar_id: Id | None = Field(None, description="Empty: the policy's calendar.")
    region: str = Field("", description="Only for customers in this region; empty: every region.")


class SlaTargetOut(Schema):
    id: int
    metric: str
    minutes: int
    business_hours: bool
    calendar_id: int | None
    region: str


class EscalationLevelIn(Input):
    model_config = ConfigDict(use_enum_values=True)

    metric: Metric | None = Field(None, description="Empty: every metric of the policy.")
    after_minutes: int = Field(
        0, ge=0, le=MAX_TARGET_MINUTES, description="Wall-clock minutes after the due time."
    )
    actions: list[EscalationAction] = Field(min_length=1, description="What the level does, in this order.")


class EscalationLevelOut(Schema):
    id: int
    metric: str
    after_minutes: int
    actions: list[str]


_POSITION = "Policies are tried in this order, lowest first; the first whose conditions all hold applies."
_EMPTY_HOLDS = "Empty: every ticket."
_CHAIN = (
    "What happens after a target is missed, each level at the due time plus its delay, once; "
    "a list sent replaces the whole chain."
)
_WARN = "Warn when this share of the target is used; 0: never."


class SlaPolicyIn(Input):
    model_config = ConfigDict(use_enum_values=True)

    name: str
    position: int = Field(100, ge=0, le=2**31 - 1, description=_POSITION)
    is_active: bool = True
    calendar_id: Id = Field(description="Business-hours targets count on this calendar.")
    warn_at_percent: int = Field(80, ge=0, le=100, description=_WARN)
    tiers: list[Tier] = Field(default_factory=list, description=_EMPTY_HOLDS)
    organisation_ids: list[Id] = Field(default_factory=list, description=_EMPTY_HOLDS)
    countries: list[str] = Field(default_factory=list, description="ISO codes, e.g. DE. " + _EMPTY_HOLDS)
    regions: list[str] = Field(default_factory=list, description=_EMPTY_HOLDS)
    channels: list[Channel] = Field(default_factory=list, description=_EMPTY_HOLDS)
    categories: list[Category] = Field(default_factory=list, description=_EMPTY_HOLDS)
    priorities: list[Priority] = Field(default_factory=list, description=_EMPTY_HOLDS)
    emergency: Emergency = Emergency.ANY
    product_line_ids: list[Id] = Field(default_factory=list, description=_EMPTY_HOLDS)
    warranty: Warranty = Warranty.ANY
    team_ids: list[Id] = Field(default_factory=list, description="The ticket's team. " + _EMPTY_HOLDS)
    targets: list[SlaTargetIn] = Field(default_factory=list, description="One per metric and region.")
    escalation_levels: list[EscalationLevelIn] = Field(default_factory=list, description=_CHAIN)


class SlaPolicyPatch(Input):
    """Only the fields sent are changed; the id lists, targets or escalation levels sent replace all."""

    model_config = ConfigDict(use_enum_values=True)

    name: str | None = None
    position: int | None = Field(None, ge=0, le=2**31 - 1, description=_POSITION)
    is_active: bool | None = None
    calendar_id: Id | None = None
    warn_at_percent: int | None = Field(None, ge=0, le=100, description=_WARN)
    tiers: list[Tier] | None = None
    organisation_ids: list[Id] | None = None
    countries: list[str] | None = None
    regions: list[str] | None = None
    channels: list[Channel] | None = None
    categories: list[Category] | None = None
    priorities: list[Priority] | None = None
    emergency: Emergency | None = None
    product_line_ids: list[Id] | None = None
    warranty: Warranty | None = None
    team_ids: list[Id] | None = None
    targets: list[SlaTargetIn] | None = None
    escalation_levels: list[EscalationLevelIn] | None = Field(None, description=_CHAIN)


class SlaPolicyOut(Schema):
    id: int
    name: str
    position: int = Field(description=_POSITION)
    is_active: bool
    calendar_id: int
    warn_at_percent: int
    tiers: list[str]
    organisation_ids: list[int]
    countries: list[str]
    regions: list[str]
    channels: list[str]
    categories: list[str]
    priorities: list[int]
    emergency: str
    product_line_ids: list[int]
    warranty: str
    team_ids: list[int]
    targets: list[SlaTargetOut]
    escalation_levels: list[EscalationLevelOut]
    revision: UUID = Field(description="New after every change of the policy, its conditions or targets.")

    @staticmethod
    def resolve_organisation_ids(obj: Any) -> list[int]:
        return [organisation.pk for organisation in obj.organisations.all()]

    @staticmethod
    def resolve_product_line_ids(obj: Any) -> list[int]:
        return [line.pk for line in obj.product_lines.all()]

    @staticmethod
    def resolve_team_ids(obj: Any) -> list[int]:
        return [team.pk for team in obj.teams.all()]
