"""The customer's verification of a fix, as staff record it, and remote assistance sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from .common import Input, UserRef


class PhoneAnswerIn(Input):
    outcome: Literal["works", "not_fixed"]
    note: str = Field("", max_length=2000, description="What the customer said; kept in the history.")
    via: Literal["phone"] = Field("phone", description="How the customer answered; only by phone for now.")


class VerificationOut(Schema):
    round: int
    requested_at: datetime
    reminded_at: datetime | None
    answered_at: datetime | None
    outcome: str = Field(description="works, not_fixed, auto_resolved or ended; empty while waiting.")
    via: str = Field(description="link, portal, phone, auto or desk; empty while waiting.")
    by: UserRef | None
    by_name: str
    note: str
    ticket_status: str


class RemoteSessionIn(Input):
    tool: str = Field(max_length=100, description="TeamViewer, AnyDesk, VPN, video call... any text.")
    started_at: datetime
    ended_at: datetime = Field(description="After started_at, and not in the future.")
    summary: str = Field(max_length=20_000, description="What was done.")


class RemoteSessionOut(Schema):
    id: int
    tool: str
    started_at: datetime
    ended_at: datetime
    summary: str
    by: UserRef | None
    created_at: datetime


class RemoteSessionPage(Schema):
    items: list[RemoteSessionOut]
    next_cursor: str | None
