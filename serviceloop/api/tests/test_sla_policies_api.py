"""SLA policies through the API: staff read them, service-level managers change them, and a change
reaches the cached policies and working time of every process through the new revision."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from serviceloop.sla.models import BusinessCalendar, OpeningHours, SlaPolicy, SlaTarget
from serviceloop.sla.services.calendars import working_time
from serviceloop.sla.services.matching import policy_for, target_for

from .conftest import PREFIX

WEEK = [{"weekday": day, "opens": "09:00", "closes": "17:00"} for day in range(5)]


def delete(client, path):
    """DELETE through the checking client (which has no method of its own for it)."""
    return client._checked("DELETE", path, client.client.delete(PREFIX + path, **client.extra))


@pytest.fixture
def calendar(world, client_for):
    body = {"name": "Berlin office", "time_zone": "Europe/Berlin", "opening_hours": WEEK}
    response = client_for(world.supervisor).post("/calendars", body)
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def policy_body(calendar):
    def make(**fields):
        return {
            "name": "Standard",
            "calendar_id": calendar["id"],
            "targets": [{"metric": "first_response", "minutes": 60}],
            **fields,
        }

    return make


def test_a_supervisor_creates_reads_changes_and_deletes_a_policy(world, client_for, calendar, policy_body):
    client = client_for(world.supervisor)
    created = client.post("/sla-policies", policy_body(
        name="Key accounts in Germany", position=10, tiers=["key"], countries=["DE"], priorities=[1, 2],
        channels=["phone", "email"], organisation_ids=[world.org.pk], product_line_ids=[world.line.pk],
        emergency="no", warranty="in", warn_at_percent=75,
        targets=[
            {"metric": "first_response", "minutes": 30},
            {"metric": "resolution", "minutes": 480, "business_hours": False, "region": "North"},
        ],
    ))  # fmt: skip
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["organisation_ids"] == [world.org.pk] and body["product_line_ids"] == [world.line.pk]
    assert (body["tiers"], body["channels"], body["emergency"]) == (["key"], ["phone", "email"], "no")
    assert [(t["metric"], t["minutes"], t["business_hours"], t["region"]) for t in body["targets"]] == [
        ("first_response", 30, True, ""),
        ("resolution", 480, False, "North"),
    ]
    assert client.get(f"/sla-policies/{body['id']}").json() == body

    handoff = {"metric": "handoff", "minutes": 120, "calendar_id": calendar["id"]}
    changed = client.patch(
        f"/sla-policies/{body['id']}", {"organisation_ids": [], "targets": [handoff]}
    ).json()
    assert changed["organisation_ids"] == [] and changed["tiers"] == ["key"]
    assert [(t["metric"], t["calendar_id"]) for t in changed["targets"]] == [("handoff", calendar["id"])]
    assert list(SlaTarget.objects.values_list("metric", flat=True)) == ["handoff"]

    assert delete(client, f"/sla-policies/{body['id']}").status_code == 204
    assert client.get(f"/sla-policies/{body['id']}").status_code == 404
    assert not SlaTarget.objects.exists()


def test_policies_are_listed_in_the_order_they_are_tried_and_reordered_by_position(
    world, client_for, policy_body
):
    client = client_for(world.manager)
    ids = {name: client.post("/sla-policies", policy_body(name=name, position=position)).json()["id"]
           for name, position in (("Standard", 100), ("Emergency", 1), ("Hotline", 20))}  # fmt: skip
    names = [p["name"] for p in client.get("/sla-policies").json()["items"]]
    assert names == ["Emergency", "Hotline", "Standard"]
    client.patch(f"/sla-policies/{ids['Standard']}", {"position": 5})
    first = client.get("/sla-policies", {"limit": 2}).json()
    rest = client.get("/sla-policies", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [p["name"] for p in first["items"] + rest["items"]] == ["Emergency", "Standard", "Hotline"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"targets": [{"metric": "coffee", "minutes": 5}]}, "targets.0.metric"),
        ({"targets": [{"metric": "resolution", "minutes": 0}]}, "targets.0.minutes"),
        ({"targets": [{"metric": "handoff", "minutes": 60, "calendar_id": 999999}]}, "targets.0.calendar_id"),
        ({"targets": [{"metric": "resolution", "minutes": 60, "region": "North"},
                      {"metric": "resolution", "minutes": 90, "region": " north"}]}, "targets.1.metric"),
        ({"organisation_ids": [999999]}, "organisation_ids"),
        ({"product_line_ids": [999999]}, "product_line_ids"),
        ({"calendar_id": 999999}, "calendar_id"),
        ({"tiers": ["gold"]}, "tiers.0"),
        ({"priorities": [5]}, "priorities.0"),
        ({"countries": [" "]}, "countries"),
        ({"name": ""}, "name"),
    ],
)  # fmt: skip
def test_an_invalid_policy_is_422_naming_the_field_and_not_written(
    world, client_for, policy_body, fields, field
):
    response = client_for(world.supervisor).post("/sla-policies", policy_body(**fields))
    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field
    assert not SlaPolicy.objects.exists()


def test_an_invalid_change_keeps_the_policy_as_it_was(world, client_for, policy_body):
    client = client_for(world.supervisor)
    policy = client.post("/sla-policies", policy_body()).json()
    path = f"/sla-policies/{policy['id']}"
    for change, field in (
        ({"name": None}, "name"),
        ({"tiers": None}, "tiers"),
        ({"targets": None}, "targets"),
        ({"position": 10, "organisation_ids": [world.org.pk, 999999]}, "organisation_ids"),
    ):
        response = client.patch(path, change)
        assert response.status_code == 422 and response.json()["field"] == field, response.json()
    assert client.get(path).json() == policy


def test_staff_read_policies_but_only_service_level_managers_change_them(world, client_for, policy_body):
    policy = client_for(world.admin).post("/sla-policies", policy_body()).json()
    path = f"/sla-policies/{policy['id']}"
    agent = client_for(world.agent)
    assert [p["id"] for p in agent.get("/sla-policies").json()["items"]] == [policy["id"]]
    assert agent.get(path).json() == policy
    assert agent.post("/sla-policies", policy_body(name="Mine")).status_code == 403
    assert agent.patch(path, {"position": 1}).status_code == 403
    assert delete(agent, path).status_code == 403
    for outsider in (world.customer, world.partner_a_tech):
        client = client_for(outsider)
        assert client.get("/sla-policies").json()["items"] == []
        assert client.get(path).status_code == 404
        assert delete(client, path).status_code == 404
        assert client.post("/sla-policies", policy_body(name="Mine")).status_code == 403
    assert list(SlaPolicy.objects.values_list("name", "position")) == [("Standard", 100)]


def first_response_minutes(ticket) -> int | None:
    """What the policy the ticket matches now promises, as every process's cache sees it."""
    target = target_for(policy_for(ticket), "first_response", ticket)
    return None if target is None else target.minutes


def test_changes_through_the_api_reach_cached_policies_and_working_time(
    world, client_for, calendar, policy_body
):
    client = client_for(world.supervisor)
    policy = client.post("/sla-policies", policy_body()).json()
    ticket = world.ticket()
    office = BusinessCalendar.objects.get(pk=calendar["id"])
    monday_ten = datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    assert working_time(office).is_open(monday_ten)
    assert first_response_minutes(ticket) == 60

    targets = [{"metric": "first_response", "minutes": 15}]
    assert client.patch(f"/sla-policies/{policy['id']}", {"targets": targets}).status_code == 200
    late_hours = [{"weekday": day, "opens": "13:00", "closes": "17:00"} for day in range(5)]
    assert client.patch(f"/calendars/{calendar['id']}", {"opening_hours": late_hours}).status_code == 200

    assert first_response_minutes(ticket) == 15
    office.refresh_from_db()
    assert not working_time(office).is_open(monday_ten)
    assert OpeningHours.objects.filter(calendar=office).count() == 5
    other = client.post("/sla-policies", policy_body(name="Earlier", position=1)).json()
    assert getattr(policy_for(ticket), "pk", None) == other["id"]


def test_a_policy_carries_its_teams_and_escalation_chain(world, client_for, policy_body):
    client = client_for(world.supervisor)
    chain = [
        {"after_minutes": 0, "actions": ["notify_assignee", "notify_supervisor"]},
        {"metric": "first_response", "after_minutes": 60, "actions": ["reassign_to_lead", "raise_priority"]},
    ]
    created = client.post("/sla-policies", policy_body(team_ids=[world.team.pk], escalation_levels=chain))
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["team_ids"] == [world.team.pk]
    assert [(lv["metric"], lv["after_minutes"], lv["actions"]) for lv in body["escalation_levels"]] == [
        ("", 0, ["notify_assignee", "notify_supervisor"]),
        ("first_response", 60, ["reassign_to_lead", "raise_priority"]),
    ]
    policy = SlaPolicy.objects.get(pk=body["id"])
    revision = policy.revision
    changed = client.patch(f"/sla-policies/{body['id']}", {"escalation_levels": chain[:1]})
    assert changed.status_code == 200 and len(changed.json()["escalation_levels"]) == 1
    policy.refresh_from_db()
    assert policy.revision != revision  # the clocks' cached chains reload


@pytest.mark.parametrize(
    ("levels", "field"),
    [
        ([{"after_minutes": 5, "actions": []}], "escalation_levels.0.actions"),
        ([{"after_minutes": 5, "actions": ["call_the_ceo"]}], "escalation_levels.0.actions.0"),
        ([{"after_minutes": 5, "actions": ["notify_team"]}] * 2, "escalation_levels.1.after_minutes"),
        ([{"after_minutes": -1, "actions": ["notify_team"]}], "escalation_levels.0.after_minutes"),
    ],
)
def test_a_bad_escalation_level_is_refused_naming_it(world, client_for, policy_body, levels, field):
    response = client_for(world.supervisor).post("/sla-policies", policy_body(escalation_levels=levels))
    assert response.status_code == 422 and response.json()["field"] == field
    assert not SlaPolicy.objects.exists()


def test_an_unknown_team_is_refused(world, client_for, policy_body):
    response = client_for(world.supervisor).post("/sla-policies", policy_body(team_ids=[999_999]))
    assert response.status_code == 422 and response.json()["field"] == "team_ids"
