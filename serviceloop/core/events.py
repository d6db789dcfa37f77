"""Domain events: the ticket publishes, the capabilities subscribe.

The append-only ticket history is the record of what happened; this module only fans a recorded
event out to the subscribers. Subscribers that touch the outside world (mail, webhooks) should
queue their work with `transaction.on_commit` so a rolled-back change sends nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DomainEvent:
    name: str
    ticket_id: int
    actor_id: int | None = None
    channel: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    # The ticket as the publisher holds it, for subscribers in the same process and transaction, so
    # they need not read again what was just written. Never serialised; may be None.
    ticket: Any = field(default=None, compare=False, repr=False)
    # Likewise the message the event is about (a new ticket's first message), so a subscriber that
    # reads its text need not fetch it. Never serialised; may be None.
    message: Any = field(default=None, compare=False, repr=False)


Handler = Callable[[DomainEvent], None]
_subscribers: dict[str, list[Handler]] = defaultdict(list)

# Event names the ticket publishes. Capabilities subscribe to these strings.
TICKET_CREATED = "ticket.created"
TICKET_REPLIED = "ticket.replied"
TICKET_NOTE_ADDED = "ticket.note_added"
TICKET_TRANSITIONED = "ticket.transitioned"
TICKET_ASSIGNED = "ticket.assigned"
TICKET_UPDATED = "ticket.updated"
TICKET_MILESTONE = "ticket.milestone"
# Published by the service levels, about a ticket.
SLA_POLICY_APPLIED = "sla.policy_applied"
SLA_WARNING = "sla.warning"
SLA_BREACHED = "sla.breached"
SLA_ESCALATED = "sla.escalated"
SLA_EMERGENCY_RAISED = "sla.emergency_raised"
SLA_EMERGENCY_HANDLED = "sla.emergency_handled"
# Published by the solution plans, about a ticket.
SOLUTION_DRAFTED = "solution.drafted"
SOLUTION_EDITED = "solution.edited"
SOLUTION_SUBMITTED = "solution.submitted"
SOLUTION_APPROVED = "solution.approved"
SOLUTION_REJECTED = "solution.rejected"
SOLUTION_CHANGES_REQUESTED = "solution.changes_requested"
SOLUTION_REMOTE_SESSION = "solution.remote_session"
# Published by routing when a ticket moves between support tiers.
ROUTING_ESCALATED = "routing.escalated"
ROUTING_DE_ESCALATED = "routing.de_escalated"
# Published by routing about a ticket offered to the supplier that handles the product.
ROUTING_OFFERED = "routing.offered"
ROUTING_OFFER_ANSWERED = "routing.offer_answered"
ROUTING_OFFER_DECLINED = "routing.offer_declined"
ROUTING_OFFER_EXPIRED = "routing.offer_expired"
ROUTING_OFFER_WITHDRAWN = "routing.offer_withdrawn"


def subscribe(name: str) -> Callable[[Handler], Handler]:
    """Decorator: register `handler` for events called `name` ("*" receives every event)."""

    def register(handler: Handler) -> Handler:
        if handler not in _subscribers[name]:
            _subscribers[name].append(handler)
        return handler

    return register


def publish(event: DomainEvent) -> None:
    """Call every subscriber inside the caller's transaction; a failing subscriber fails the change."""
    for handler in (*_subscribers.get(event.name, ()), *_subscribers.get("*", ())):
        handler(event)
