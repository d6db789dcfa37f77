"""Choice lists shared by several console forms."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from serviceloop.accounts.models import User
from serviceloop.core.roles import STAFF_ROLES, Role


def assignable_people(current: int | None = None) -> QuerySet[User]:
    """People a ticket can be handed to: active service staff and partner technicians.

    `current` (the ticket's assignee) stays in the list even if they left, so saving the form for
    another change does not silently unassign the ticket.
    """
    people = Q(is_active=True, role__in=[*STAFF_ROLES, Role.PARTNER])
    if current is not None:
        people |= Q(pk=current)
    return User.objects.filter(people).order_by("first_name", "last_name", "username")
