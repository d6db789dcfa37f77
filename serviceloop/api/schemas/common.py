"""Small references to related objects, embedded in other resources' output."""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from serviceloop.core.nul import contains_nul

# A row id a database can hold: larger numbers are refused (422) rather than overflowing SQLite (500).
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class NoNulText(Schema):
    """Text (and lists of text) holding a NUL character is refused with 422 naming the field, on every
    database: PostgreSQL can neither store nor search for it (see core.nul)."""

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        if contains_nul(value):
            raise PydanticCustomError(
                "nul_character", _("contains a NUL character (U+0000); remove it and send again.")
            )
        return value


class Input(NoNulText):
    """What a client sends: an unknown (say, misspelt) field is refused rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


class OrganisationRef(Schema):
    id: int
    name: str


class ContactRef(Schema):
    id: int
    name: str


class MachineRef(Schema):
    id: int
    serial_number: str


class ProductModelRef(Schema):
    id: int
    code: str


class ProductModuleRef(Schema):
    id: int
    name: str


class FaultTypeRef(Schema):
    id: int
    code: str
    name: str


class TeamRef(Schema):
    id: int
    name: str


class UserRef(Schema):
    id: int
    username: str
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)


class PageQuery(NoNulText):
    cursor: str | None = Field(None, description="The next_cursor of the previous page.")
    limit: int = Field(50, ge=1, le=200, description="Rows per page (at most 200).")
