"""Moves of a ticket between support tiers: L1, support engineer, expert, support manager."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from .common import Input, TeamRef, UserRef


class EscalationIn(Input):
    to_tier: str = Field(
        description="engineer, expert or manager: the next tier up, or manager from any tier."
    )
    reason: str = Field(description="Why the ticket needs the next tier.")
    tried: str = Field(description="What was tried so far; the next tier reads it first.")
    team_id: int | None = Field(None, description="Default: the team set up for the tier.")
    assignee_id: int | None = Field(None, description="Default: the team's assignment chooses.")


class DeEscalationIn(Input):
    reason: str
    assignee_id: int | None = Field(None, description="Default: the L1 agent who escalated the ticket.")


class HandOffOut(Schema):
    id: int
    from_tier: str
    to_tier: str
    direction: str
    reason: str
    tried: str
    by: UserRef | None
    to_team: TeamRef | None
    to_user: UserRef | None
    at: datetime


class HandOffPage(Schema):
    current_tier: str
    items: list[HandOffOut]
