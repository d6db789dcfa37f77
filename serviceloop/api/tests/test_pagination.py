from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from serviceloop.api.pagination import keys_of, paginate
from serviceloop.tickets.models import Ticket

ORDERINGS = [
    [F("due_at").asc(nulls_last=True), "priority"],
    [F("due_at").asc(nulls_first=True), "-priority"],
    [F("due_at").desc(nulls_last=True), "priority", "-id"],
    [F("due_at").desc(nulls_first=True)],
    ["-updated_at"],
]


@pytest.mark.parametrize("ordering", ORDERINGS, ids=str)
def test_walk_matches_the_full_ordering_whatever_the_nulls(world, ordering):
    now = timezone.now()
    for i in range(10):
        ticket = world.ticket(urgency=["low", "high"][i % 2])
        due = None if i % 3 == 0 else now + timedelta(hours=i % 2)
        Ticket.objects.filter(pk=ticket.pk).update(due_at=due, updated_at=now - timedelta(minutes=i % 2))
    qs = Ticket.objects.all()
    expected = [t.pk for t in qs.order_by(*ordering, "id")]  # a trailing id is a no-op after -id
    seen, cursor = [], None
    for _ in range(10):
        rows, cursor = paginate(qs, ordering, cursor=cursor, limit=3, tag="t")
        seen += [t.pk for t in rows]
        if cursor is None:
            break
    assert seen == expected


def test_nullable_key_must_say_where_nulls_go():
    with pytest.raises(ValueError, match="nulls_first or nulls_last"):
        keys_of(Ticket, ["due_at"])
    assert [k.name for k in keys_of(Ticket, ["-received_at"])] == ["received_at", "id"]
