"""People who log in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema


class UserOut(Schema):
    id: int
    username: str
    name: str
    email: str
    role: str
    organisation_id: int | None
    supplier_id: int | None
    language: str
    time_zone: str
    is_active: bool
    date_joined: datetime

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)
