"""Shared pieces of the administrators' pages."""

from __future__ import annotations

from typing import Any


class ReadOnlyAdmin:
    """Rows the services keep (clocks, alerts, hand-offs, plan versions): shown, never added or
    edited by hand."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
