"""Receiving: store what came in, then process it, so a failure never loses it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from serviceloop.core import rows
from serviceloop.core.errors import ServiceError
from serviceloop.core.nul import storable
from serviceloop.tickets.models import Ticket

from .models import Receipt

T = TypeVar("T")
C = TypeVar("C")


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
    return receive_checked(source, payload, actor, _nothing_to_check, lambda _checked: process())


def _nothing_to_check() -> None:
    return None


def receive_checked(
    source: str, payload: dict[str, Any], actor: Any, check: Callable[[], C], apply: Callable[[C], T]
) -> T:
    """`receive`, with the processing split in two: `check` validates and reads, outside the write
    transaction; `apply` writes what `check` returned. On SQLite, which has one writer at a time,
    the other writers then wait only for the writing."""
    received_by = actor if getattr(actor, "pk", None) else None
    kept = _jsonable(payload)
    receipt = Receipt(source=source, payload=kept, received_by=received_by)
    rows.insert_committed(receipt)  # stored for good before anything else is tried
    try:
        checked = check()
        with transaction.atomic():
            result = apply(checked)
            # Marked processed in the same transaction as the result: never a ticket whose receipt
            # still says "received", and one commit fewer on the busiest write path.
            ticket_id = result.pk if isinstance(result, Ticket) else getattr(result, "ticket_id", None)
            receipt.state, receipt.ticket_id = Receipt.State.PROCESSED, ticket_id
            rows.update(receipt, ["state", "ticket"])
    except ServiceError as exc:
        _reject(receipt, exc.message)
        raise
    except Exception as exc:
        _reject(receipt, repr(exc)[:2000])
        raise
    return result
