"""Receiving: store what came in, then process it, so a failure never loses it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from serviceloop.core.errors import ServiceError
from serviceloop.tickets.models import Ticket

from .models import Receipt

T = TypeVar("T")


def _jsonable(payload: dict[str, Any]) -> Any:
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder, default=str))


def receive(source: str, payload: dict[str, Any], actor: Any, process: Callable[[], T]) -> T:
    """Store `payload` in its own committed transaction, then run `process` and record the outcome.

    A receipt left in state "received" means processing died mid-way (a crash): it can be replayed.

    `process` returns the result (usually a Ticket). A ServiceError (bad input) marks the receipt
    rejected with the message and is re-raised for the face to show; the payload stays stored.
    """
    receipt = Receipt.objects.create(
        source=source, payload=_jsonable(payload), received_by=actor if getattr(actor, "pk", None) else None
    )
    try:
        with transaction.atomic():
            result = process()
            # Marked processed in the same transaction as the result: never a ticket whose receipt
            # still says "received", and one commit fewer on the busiest write path.
            ticket_id = result.pk if isinstance(result, Ticket) else getattr(result, "ticket_id", None)
            Receipt.objects.filter(pk=receipt.pk).update(state=Receipt.State.PROCESSED, ticket_id=ticket_id)
    except ServiceError as exc:
        Receipt.objects.filter(pk=receipt.pk).update(state=Receipt.State.REJECTED, error=exc.message)
        raise
    except Exception as exc:
        Receipt.objects.filter(pk=receipt.pk).update(state=Receipt.State.REJECTED, error=repr(exc)[:2000])
        raise
    return result
