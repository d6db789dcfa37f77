from django.utils import timezone

from ..models import Ticket


def set_pinned(ticket: Ticket, pinned: bool) -> bool:
    """Pin the ticket above every queue, or unpin it; True if that changed anything.

    Like the deadline, a capability's decision rather than a person's edit: no new version, and the
    capability records in the history why it pinned or unpinned."""
    if pinned == (ticket.pinned_at is not None):
        return False
    ticket.pinned_at = timezone.now() if pinned else None
    Ticket.objects.filter(pk=ticket.pk).update(pinned_at=ticket.pinned_at)
    return True
