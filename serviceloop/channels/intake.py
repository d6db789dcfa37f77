"""Receiving: store what came in, then process it, so a failure never loses it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from serviceloop.core.errors import ServiceError
from serviceloop.core.nul import storable
from serviceloop.tickets.models import Ticket

from .models import Receipt

T = TypeVar("T")


def _jsonable(payload: dict[str, Any]) -> Any:
    # Whatever a face collected is kept, even a NUL no field accepts (as U+FFFD: PostgreSQL's jsonb
    # cannot hold one), so every face can hand over what it received as it is.
    return storable(json.loads(json.dumps(payload, cls=DjangoJSONEncoder, default=str)))


def _reject(receipt: Receipt, error: str) -> None:
    # The error may repeat what was sent, NUL included; the receipt must still be storable.
    Receipt.objects.filter(pk=receipt.pk).update(state=Receipt.State.REJECTED, error=storable(error))


def receive(source: str, payload: dict[str, Any], actor: Any, process: Callable[[], T]) -> T:
    """Store `payload` in its own committed transaction, then run `process` and record the outcome.

    A receipt left in state "received" means processing died mid-way (a crash): it can be replayed.

    `process` returns the result (usually a Ticket). A ServiceError (bad input) marks the receipt
    rejected with the message and is re-raised for the face to show; the payload stays stored.
    """
    received_by = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():  # a transaction, so the write queues like every other (see core.sqlite)
        receipt = Receipt.objects.create(source=source, payload=_jsonable(payload), received_by=received_by)
    try:
        with transaction.atomic():
            result = process()
            # Marked processed in the same transaction as the result: never a ticket whose receipt
            # still says "received", and one commit fewer on the busiest write path.
            ticket_id = result.pk if isinstance(result, Ticket) else getattr(result, "ticket_id", None)
            Receipt.objects.filter(pk=receipt.pk).update(state=Receipt.State.PROCESSED, ticket_id=ticket_id)
    except ServiceError as exc:
        _reject(receipt, exc.message)
        raise
    except Exception as exc:
        _reject(receipt, repr(exc)[:2000])
        raise
    return result
