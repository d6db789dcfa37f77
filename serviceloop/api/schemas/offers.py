"""The expert register and tickets offered to the supplier that handles the product."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from .common import Id, Input, UserRef


class CompanyRef(Schema):
    id: int
    name: str
    kind: str


class ExpertContactOut(Schema):
    id: int
    name: str
    company: CompanyRef
    user: UserRef | None
    product_lines: list[int] = Field(description="Ids of the product lines; empty for every line.")
    languages: str
    city: str
    email: str
    mobile: str
    phone: str
    availability: str = Field(description="available, limited or unavailable")
    availability_note: str

    @staticmethod
    def resolve_product_lines(obj) -> list[int]:
        return [line.pk for line in obj.product_lines.all()]


class ExpertQuery(Input):
    kind: str = Field("", description="own, partner, supplier, brand or freelance")
    product_line: Id | None = Field(None, description="Contacts for this line (and for every line).")
    language: str = Field("", description="A language code, e.g. zh-hans")
    q: str = Field("", max_length=100, description="Part of the name, company or city")


class SupplierOfferOut(Schema):
    id: int
    supplier: CompanyRef
    reason: str = Field(description="warranty, contract or manual")
    state: str = Field(description="open, answered, declined, expired or withdrawn")
    offered_by: UserRef | None
    offered_at: datetime
    due_at: datetime
    answered_by: UserRef | None
    closed_at: datetime | None
    note: str


class SupplierOffersOut(Schema):
    items: list[SupplierOfferOut]
    contacts: list[ExpertContactOut] = Field(
        description="The supplier's contacts for the open offer, to call; staff only (empty for partners)."
    )


class OfferAnswerIn(Input):
    note: str = Field("", max_length=500, description="Required to decline: why the supplier won't take it.")
