"""Business calendars through the API: staff read them, service-level managers change them."""

from __future__ import annotations

from datetime import date, time

import pytest

from serviceloop.sla.models import BusinessCalendar, OpeningHours, SlaPolicy, SlaTarget

from .conftest import PREFIX


def hours(weekday: int, opens: str, closes: str) -> dict:
    return {"weekday": weekday, "opens": opens, "closes": closes}


WEEK = [hours(day, "09:00", "17:00") for day in range(5)]


def calendar_body(**fields):
    return {"name": "Berlin office", "time_zone": "Europe/Berlin", "opening_hours": WEEK, **fields}


def delete(client, path):
    """DELETE through the checking client (which has no method of its own for it)."""
    return client._checked("DELETE", path, client.client.delete(PREFIX + path, **client.extra))


@pytest.fixture
def office(world, client_for):
    response = client_for(world.supervisor).post("/calendars", calendar_body())
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_supervisor_creates_reads_changes_and_deletes_a_calendar(world, client_for):
    client = client_for(world.supervisor)
    created = client.post("/calendars", calendar_body(
        opening_hours=[hours(5, "20:00", "00:00"), *WEEK],
        holidays=[{"date": "2026-12-25", "name": "Christmas", "yearly": True}],
        extra_working_days=[{"date": "2026-10-10", "works_like": 4}],
    ))  # fmt: skip
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["opening_hours"][0] == {"weekday": 0, "opens": "09:00", "closes": "17:00"}
    assert body["opening_hours"][-1] == {"weekday": 5, "opens": "20:00", "closes": "00:00"}
    assert body["holidays"] == [{"date": "2026-12-25", "name": "Christmas", "yearly": True}]
    assert body["extra_working_days"] == [{"date": "2026-10-10", "works_like": 4, "name": ""}]
    assert OpeningHours.objects.get(calendar_id=body["id"], weekday=5).closes == time(0, 0)
    assert client.get(f"/calendars/{body['id']}").json() == body

    renamed = client.patch(f"/calendars/{body['id']}", {"name": "Berlin HQ"}).json()
    assert renamed["name"] == "Berlin HQ" and renamed["opening_hours"] == body["opening_hours"]
    assert renamed["revision"] != body["revision"]
    new_days = {"holidays": [{"date": "2027-01-01", "name": "New Year"}], "extra_working_days": []}
    changed = client.patch(f"/calendars/{body['id']}", new_days).json()
    assert changed["holidays"] == [{"date": "2027-01-01", "name": "New Year", "yearly": False}]
    assert changed["extra_working_days"] == [] and len(changed["opening_hours"]) == 6

    deleted = delete(client, f"/calendars/{body['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.get(f"/calendars/{body['id']}").status_code == 404
    assert not BusinessCalendar.objects.exists() and not OpeningHours.objects.exists()


def test_calendars_are_listed_by_name_in_pages(world, client_for):
    client = client_for(world.manager)
    for name in ("Shanghai", "Berlin", "Chicago"):
        assert client.post("/calendars", calendar_body(name=name)).status_code == 201
    first = client.get("/calendars", {"limit": 2}).json()
    rest = client.get("/calendars", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [c["name"] for c in first["items"] + rest["items"]] == ["Berlin", "Chicago", "Shanghai"]
    assert rest["next_cursor"] is None


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"opening_hours": [*WEEK, hours(2, "16:30", "18:00")]}, "opening_hours.5.opens"),
        ({"opening_hours": [hours(0, "17:00", "09:00")]}, "opening_hours.0.closes"),
        ({"opening_hours": [hours(0, "9:00", "17:00")]}, "opening_hours.0.opens"),
        ({"opening_hours": [hours(0, "09:00", "24:00")]}, "opening_hours.0.closes"),
        ({"opening_hours": [hours(7, "09:00", "17:00")]}, "opening_hours.0.weekday"),
        ({"opening_hours": []}, "opening_hours"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "Europe"}, "time_zone"),
        ({"name": ""}, "name"),
        ({"holidays": [{"date": "2026-12-25"}, {"date": "2026-12-25", "yearly": True}]}, "holidays.1.date"),
        ({"extra_working_days": [{"date": "2026-10-10", "works_like": 9}]},
         "extra_working_days.0.works_like"),
    ],
)  # fmt: skip
def test_an_invalid_calendar_is_422_naming_the_field_and_not_written(world, client_for, fields, field):
    response = client_for(world.supervisor).post("/calendars", calendar_body(**fields))
    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field
    assert response.json()["detail"].startswith(f"{field}: ")
    assert not BusinessCalendar.objects.exists()


def test_an_invalid_change_keeps_the_calendar_as_it_was(world, client_for, office):
    client = client_for(world.supervisor)
    overlap = [
        {"weekday": 0, "opens": "08:00", "closes": "12:00"},
        {"weekday": 0, "opens": "11:00", "closes": "13:00"},
    ]
    response = client.patch(f"/calendars/{office['id']}", {"name": "Renamed", "opening_hours": overlap})
    assert response.status_code == 422 and response.json()["field"] == "opening_hours.1.opens"
    assert client.patch(f"/calendars/{office['id']}", {"holidays": None}).json()["field"] == "holidays"
    taken = client.post("/calendars", calendar_body(name="Other")).json()
    duplicate = client.patch(f"/calendars/{taken['id']}", {"name": "Berlin office"})
    assert duplicate.status_code == 422 and duplicate.json()["field"] == "name"
    assert client.get(f"/calendars/{office['id']}").json() == office


def test_staff_read_calendars_but_only_service_level_managers_change_them(world, client_for, office):
    agent = client_for(world.agent)
    assert [c["id"] for c in agent.get("/calendars").json()["items"]] == [office["id"]]
    assert agent.get(f"/calendars/{office['id']}").status_code == 200
    assert agent.post("/calendars", calendar_body(name="Mine")).status_code == 403
    assert agent.patch(f"/calendars/{office['id']}", {"name": "Mine"}).status_code == 403
    assert delete(agent, f"/calendars/{office['id']}").status_code == 403
    for outsider in (world.customer, world.partner_a_tech):
        client = client_for(outsider)
        assert client.get("/calendars").json()["items"] == []
        assert client.get(f"/calendars/{office['id']}").status_code == 404
        assert client.patch(f"/calendars/{office['id']}", {"name": "Mine"}).status_code == 404
        assert client.post("/calendars", calendar_body(name="Mine")).status_code == 403
    assert (
        client_for(world.admin).patch(f"/calendars/{office['id']}", {"description": "HQ"}).status_code == 200
    )
    assert list(BusinessCalendar.objects.values_list("name", flat=True)) == ["Berlin office"]


def test_a_calendar_in_use_is_not_deleted(world, client_for, office):
    client = client_for(world.supervisor)
    spare = client.post("/calendars", calendar_body(name="Spare")).json()
    standard = SlaPolicy.objects.create(name="Standard", calendar_id=office["id"])
    onsite = SlaPolicy.objects.create(name="On site", position=5, calendar_id=spare["id"])
    SlaTarget.objects.create(policy=standard, metric="resolution", minutes=60, calendar_id=spare["id"])
    response = delete(client, f"/calendars/{spare['id']}")
    assert response.status_code == 409
    assert "On site, Standard" in response.json()["detail"]
    assert BusinessCalendar.objects.filter(pk=spare["id"]).exists()
    onsite.delete()
    standard.targets.all().delete()
    assert delete(client, f"/calendars/{spare['id']}").status_code == 204


def test_a_calendar_that_ticket_clocks_counted_on_is_not_deleted(world, client_for, office):
    policy = SlaPolicy.objects.create(name="Standard", calendar_id=office["id"])
    SlaTarget.objects.create(policy=policy, metric="first_response", minutes=60)
    assert world.ticket().sla_clocks.filter(calendar_id=office["id"]).exists()
    policy.delete()
    response = delete(client_for(world.supervisor), f"/calendars/{office['id']}")
    assert response.status_code == 409, response.json()
    assert BusinessCalendar.objects.filter(pk=office["id"]).exists()


def test_a_holiday_list_sent_replaces_the_old_one(world, client_for, office):
    client = client_for(world.supervisor)
    christmas = {"date": "2026-12-25", "name": "Christmas", "yearly": True}
    client.patch(f"/calendars/{office['id']}", {"holidays": [christmas]})
    client.patch(f"/calendars/{office['id']}", {"holidays": [{**christmas, "date": "2026-12-26"}]})
    calendar = BusinessCalendar.objects.get(pk=office["id"])
    assert [h.date for h in calendar.holidays.all()] == [date(2026, 12, 26)]
