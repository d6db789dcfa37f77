"""Tickets: what a client sends to open, change, list or move one, and what it gets back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from .common import (
    ContactRef,
    FaultTypeRef,
    Input,
    MachineRef,
    OrganisationRef,
    PageQuery,
    ProductModelRef,
    ProductModuleRef,
    TeamRef,
    UserRef,
)


class CommitmentIn(Input):
    promise: str
    due_at: datetime | None = None


class TicketIn(Input):
    subject: str
    body: str
    organisation_id: int | None = Field(None, description="Required for staff; customers open for their own.")
    contact_id: int | None = None
    machine_id: int | None = None
    product_model_id: int | None = None
    product_module_id: int | None = None
    fault_type_id: int | None = None
    category: str = "other"
    urgency: str = "normal"
    impact: str = "minor"
    channel: str = "api"
    team_id: int | None = None
    assignee_id: int | None = None
    received_at: datetime | None = Field(None, description="ISO 8601 with a time zone offset.")
    tags: list[str] = Field(default_factory=list)
    commitments: list[CommitmentIn] = Field(default_factory=list)


class TicketPatch(Input):
    """Only the fields sent are changed; `version` refuses the change if someone changed it meanwhile."""

    version: int | None = None
    subject: str | None = None
    category: str | None = None
    urgency: str | None = None
    impact: str | None = None
    contact_id: int | None = None
    machine_id: int | None = None
    product_module_id: int | None = None
    fault_type_id: int | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    tags: list[str] | None = None


class TransitionIn(Input):
    action: str = Field(description="A lifecycle action such as take, resolve, close, reopen, merge.")
    comment: str = ""
    version: int | None = None
    merge_into: str | None = Field(None, description="For merge: the number or id of the target ticket.")


class TicketQuery(PageQuery):
    view: str = "open"
    status: list[str] = Field(default_factory=list)
    team_id: int | None = None
    assignee_id: int | None = None
    priority: list[int] = Field(default_factory=list)
    channel: str = ""
    product_model_id: int | None = None
    organisation_id: int | None = None
    received_from: date | datetime | None = None
    received_to: date | datetime | None = None
    q: str = ""
    deadline: str = Field(
        "", description="breached: the next deadline has passed; due_soon: it falls within the next hour"
    )
    sort: str = "priority"


class TicketOut(Schema):
    id: int
    number: str
    subject: str
    status: str
    priority: int
    urgency: str
    impact: str
    category: str
    channel: str
    organisation: OrganisationRef
    contact: ContactRef | None
    machine: MachineRef | None
    product_model: ProductModelRef | None
    product_module: ProductModuleRef | None
    fault_type: FaultTypeRef | None
    team: TeamRef | None
    assignee: UserRef | None
    received_at: datetime
    created_at: datetime
    updated_at: datetime
    due_at: datetime | None
    version: int
    tags: list[str]
    is_emergency: bool

    @staticmethod
    def resolve_tags(obj: Any) -> list[str]:
        return [tag.name for tag in obj.tags.all()]


class TicketPage(Schema):
    items: list[TicketOut]
    next_cursor: str | None


class HistoryOut(Schema):
    id: int
    name: str
    actor: UserRef | None
    channel: str
    at: datetime
    field: str
    old_value: str
    new_value: str
    data: dict[str, Any]


class HistoryPage(Schema):
    items: list[HistoryOut]
    next_cursor: str | None
