"""Keeping the directory (organisations, contacts, machines, catalogue) up to date."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput

M = TypeVar("M", bound=Model)


def _editable(instance: Model) -> set[str]:
    return {f.attname for f in instance._meta.concrete_fields if f.editable and not f.primary_key}


def _invalid(exc: ValidationError, changes: dict[str, Any]) -> InvalidInput:
    name, messages = next(iter(exc.message_dict.items()))
    # Model validation names a foreign key by its field ("organisation"); the client sent its id.
    if name not in changes and f"{name}_id" in changes:
        name = f"{name}_id"
    field = None if name == NON_FIELD_ERRORS else name
    return InvalidInput(f"{field}: {messages[0]}" if field else messages[0], field=field)


def save_entry(actor: Any, instance: M, changes: dict[str, Any]) -> M:
    """Create (pass a new instance) or change a directory entry after the model's own validation."""
    if not policy.can_manage_directory(actor):
        raise Forbidden(_("You may not change the directory."))
    unknown = set(changes) - _editable(instance)
    if unknown:
        raise InvalidInput(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            field=min(unknown),
        )
    for name, value in changes.items():
        setattr(instance, name, value)
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise _invalid(exc, changes) from exc
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        # Two clients creating the same entry at once: full_clean passed for both, the index refused one.
        raise Conflict(_("That %(thing)s already exists.") % {"thing": instance._meta.verbose_name}) from exc
    return instance
