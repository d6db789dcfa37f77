"""Solution plans of a ticket: every version, and the review of a submitted one."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from serviceloop.core import policy

from .common import Input, UserRef


class ResourceLine(Input):
    kind: Literal["software", "spare_part", "instrument", "other"] = "other"
    description: str
    quantity: Decimal = Field(Decimal(1), gt=0, le=1_000_000, max_digits=12, decimal_places=3)


class ResourceOut(Schema):
    kind: str
    description: str
    quantity: str


class PlanIn(Input):
    """A plan's content; every field may be left out while it is a draft."""

    cause: str = ""
    steps: list[str] = Field(default_factory=list, description="The steps, in order.")
    resources: list[ResourceLine] = Field(default_factory=list)
    delivery: Literal["remote", "on_site", ""] = ""
    estimated_hours: Decimal | None = Field(None, gt=0, le=10_000, max_digits=7, decimal_places=1)
    risks: str = ""


class PlanPatch(Input):
    """The fields to change; those left out stay as they are."""

    cause: str | None = None
    steps: list[str] | None = None
    resources: list[ResourceLine] | None = None
    delivery: Literal["remote", "on_site", ""] | None = None
    estimated_hours: Decimal | None = Field(None, gt=0, le=10_000, max_digits=7, decimal_places=1)
    risks: str | None = None


class ReviewIn(Input):
    decision: Literal["approve", "reject", "request_changes"]
    comment: str = Field("", description="Required to reject or ask for changes.")


class PlanOut(Schema):
    version: int
    state: str
    author: UserRef | None
    cause: str
    steps: list[str]
    resources: list[ResourceOut]
    delivery: str
    estimated_hours: Decimal | None
    risks: str
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    reviewer: UserRef | None
    reviewed_at: datetime | None
    review_comment: str = Field(description="The reviewer's words; not shown to customers.")

    @staticmethod
    def resolve_review_comment(obj: Any, context: Any) -> str:
        request = (context or {}).get("request")
        user = getattr(request, "auth", None)
        return obj.review_comment if policy.is_staff(user) or policy.is_partner(user) else ""


class PlanPage(Schema):
    items: list[PlanOut]
