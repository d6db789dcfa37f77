"""Numbers in ticket filters that no row can hold: SQLite cannot even bind an integer beyond 64 bits
(OverflowError, once a 500 found by the schema fuzz test) while PostgreSQL answers, so both refuse it."""

import pytest

from serviceloop.core.errors import InvalidInput
from serviceloop.tickets.services import TicketFilter, filter_tickets

HUGE = 2**70


@pytest.mark.parametrize(
    "filters, field",
    [
        ({"priority": [1, HUGE]}, "priority"),
        ({"priority": [5]}, "priority"),
        ({"team_id": HUGE}, "team_id"),
        ({"assignee_id": -HUGE}, "assignee_id"),
        ({"product_model_id": 2**63}, "product_model_id"),
        ({"organisation_id": 0}, "organisation_id"),
    ],
)
def test_a_number_no_row_can_hold_is_refused_naming_the_filter(world, filters, field):
    world.ticket()
    with pytest.raises(InvalidInput) as excinfo:
        list(filter_tickets(world.agent, TicketFilter(view="all", **filters)))
    assert excinfo.value.field == field


def test_the_largest_id_is_asked_and_matches_nothing(world):
    world.ticket()
    assert list(filter_tickets(world.agent, TicketFilter(view="all", team_id=2**63 - 1))) == []
    assert len(filter_tickets(world.agent, TicketFilter(view="all", priority=[1, 2, 3, 4]))) == 1
