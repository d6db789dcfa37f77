"""Integers beyond 64 bits in ticket list filters: once a 500 on SQLite (OverflowError binding them),
an empty list on PostgreSQL; now 422 naming the filter on both."""

import pytest

HUGE = 2**70


@pytest.mark.parametrize(
    "params, field",
    [
        ({"priority": [2, HUGE]}, "priority"),
        ({"team_id": HUGE}, "team_id"),
        ({"assignee_id": -HUGE}, "assignee_id"),
        ({"product_model_id": HUGE}, "product_model_id"),
        ({"organisation_id": HUGE}, "organisation_id"),
    ],
)
def test_a_filter_number_no_row_can_hold_is_422(world, client_for, params, field):
    world.ticket()
    response = client_for(world.supervisor).get("/tickets", params)
    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field


def test_an_unknown_but_storable_id_still_finds_nothing(world, client_for):
    world.ticket()
    response = client_for(world.supervisor).get("/tickets", {"team_id": 2**63 - 1, "view": "all"})
    assert response.status_code == 200 and response.json()["items"] == []
