"""Changes to the directory that a policy's conditions read: re-match the open tickets they touch.

Organisations and machines change through the services, the admin and imports alike; a model
signal sees them all. The work runs after the commit, on the task queue, so saving a customer with
many open tickets stays quick."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver

from serviceloop.customers.models import Machine, Organisation

# The fields the policies' conditions read (sla.services.matching).
_ORGANISATION_FIELDS = ("tier", "country", "region")
_MACHINE_FIELDS = ("warranty_end",)


def _changed(instance: Any, fields: tuple[str, ...], update_fields: Any) -> bool:
    if update_fields is not None and not set(fields) & set(update_fields):
        return False
    before = getattr(instance, "_sla_loaded", {})
    now = instance.__dict__  # never getattr: a deferred field would be read from the database
    # A field deferred at load and never set since was not changed by this save.
    return any(f in now and (f not in before or before[f] != now[f]) for f in fields)


def _remember(instance: Any, fields: tuple[str, ...]) -> None:
    # Only fields that were loaded: a deferred one would be read from the database, one query each.
    loaded = instance.__dict__
    instance._sla_loaded = {f: loaded[f] for f in fields if f in loaded}


@receiver(post_init, sender=Organisation)
def organisation_loaded(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    _remember(instance, _ORGANISATION_FIELDS)


@receiver(post_init, sender=Machine)
def machine_loaded(sender: Any, instance: Machine, **kwargs: Any) -> None:
    _remember(instance, _MACHINE_FIELDS)


def _schedule(**target: int) -> None:
    from .tasks import rematch_open_tickets

    transaction.on_commit(lambda: rematch_open_tickets(**target))


@receiver(post_save, sender=Organisation)
def organisation_saved(sender: Any, instance: Organisation, created: bool, update_fields: Any = None,
                       **kwargs: Any) -> None:  # fmt: skip
    if not created and _changed(instance, _ORGANISATION_FIELDS, update_fields):
        _schedule(organisation_id=instance.pk)
    _remember(instance, _ORGANISATION_FIELDS)


@receiver(post_save, sender=Machine)
def machine_saved(
    sender: Any, instance: Machine, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    if not created and _changed(instance, _MACHINE_FIELDS, update_fields):
        _schedule(machine_id=instance.pk)
    _remember(instance, _MACHINE_FIELDS)
