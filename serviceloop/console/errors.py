"""Turning a service's error into a form error on the field the user has to fix."""

from __future__ import annotations

from django import forms

from serviceloop.core.errors import ServiceError


def attach_service_error(form: forms.Form, exc: ServiceError, aliases: dict[str, str] | None = None) -> None:
    """Show `exc.message` on the form field the service named, or above the form if none matches."""
    name = exc.field or ""
    name = (aliases or {}).get(name, name.removesuffix("_id"))
    form.add_error(name if name in form.fields else None, exc.message)
