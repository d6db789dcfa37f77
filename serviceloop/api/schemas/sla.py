from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from serviceloop.sla.services.status import ticket_clocks
from serviceloop.tickets.milestones import Milestone

from .common import Input
from .tickets import TicketOut


class SlaClockOut(Schema):
    metric: str = Field(description="first_response, handoff, expert_reply, solution_plan, next_update, ...")
    state: str = Field(description="running, paused, met or stopped")
    target_minutes: float
    business_hours: bool = Field(description="Counted on the policy's calendar; false: around the clock")
    started_at: datetime
    due_at: datetime | None = Field(description="Empty while paused")
    warned_at: datetime | None
    breached_at: datetime | None = Field(description="Set when the due time passed unmet")
    met_at: datetime | None
    elapsed_minutes: float = Field(description="Working minutes used until the clock last paused or stopped")
    paused_minutes: float

    @staticmethod
    def resolve_target_minutes(obj: Any) -> float:
        return obj.target_seconds / 60

    @staticmethod
    def resolve_elapsed_minutes(obj: Any) -> float:
        return round(obj.elapsed_seconds / 60, 2)

    @staticmethod
    def resolve_paused_minutes(obj: Any) -> float:
        return round(obj.paused_seconds / 60, 2)


class MilestoneIn(Input):
    milestone: str = Field(description=", ".join(Milestone.values))
    at: datetime | None = Field(None, description="When it happened, ISO 8601 with an offset; default: now.")
    note: str = Field("", max_length=500)


class TicketDetailOut(TicketOut):
    sla: list[SlaClockOut]

    @staticmethod
    def resolve_sla(obj: Any) -> list[Any]:
        return ticket_clocks(obj.pk)
