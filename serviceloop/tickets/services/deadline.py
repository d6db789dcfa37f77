from datetime import datetime

from ..models import Ticket


def set_due_at(ticket: Ticket, due_at: datetime | None) -> None:
    """Set the ticket's next deadline, as the service levels computed it.

    Not a change by a person: no history row (the service levels record their own events) and no new
    version, so an agent editing the ticket meanwhile is not told someone else changed it."""
    if ticket.due_at != due_at:
        Ticket.objects.filter(pk=ticket.pk).update(due_at=due_at)
        ticket.due_at = due_at
