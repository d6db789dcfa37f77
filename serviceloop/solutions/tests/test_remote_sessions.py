"""Remote assistance sessions: recorded by engineers and the ticket's partner, checked, one history row
each; customers neither record nor read them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from serviceloop.accounts.services import issue_api_token
from serviceloop.api.tests.conftest import ApiClient
from serviceloop.core.errors import Forbidden, InvalidInput
from serviceloop.solutions.models import RemoteSession
from serviceloop.solutions.services.remote_sessions import record_session
from serviceloop.tickets.models import TicketEvent


def _times(hours_ago: float = 2, minutes: int = 45) -> dict[str, str]:
    start = timezone.now() - timedelta(hours=hours_ago)
    return {"started_at": start.isoformat(), "ended_at": (start + timedelta(minutes=minutes)).isoformat()}


def _session(**extra) -> dict:
    return {"tool": "AnyDesk", "summary": "Reset the spindle drive parameters.", **_times(), **extra}


def test_an_engineer_records_a_session_with_a_history_row(world, ticket):
    start = timezone.now() - timedelta(hours=1)
    session = record_session(world.engineer, ticket, tool=" TeamViewer ", started_at=start,
                             ended_at=start + timedelta(minutes=30), summary="Checked the logs.")  # fmt: skip
    assert (session.tool, session.by, session.minutes) == ("TeamViewer", world.engineer, 30)
    row = TicketEvent.objects.get(ticket=ticket, name="solution.remote_session")
    assert row.actor == world.engineer and row.data["session_id"] == session.pk


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ended_at": "start"}, "ended_at"),
        ({"ended_at": "before"}, "ended_at"),
        ({"ended_at": "future"}, "ended_at"),
        ({"tool": "  "}, "tool"),
        ({"summary": ""}, "summary"),
    ],
)
def test_bad_sessions_are_refused_naming_the_field(world, ticket, fields, field):
    start = timezone.now() - timedelta(hours=3)
    ends = {
        "start": start,
        "before": start - timedelta(minutes=1),
        "future": timezone.now() + timedelta(hours=1),
    }
    values: dict[str, Any] = {"tool": "VPN", "started_at": start, "ended_at": start + timedelta(hours=1),
                              "summary": "Done."}  # fmt: skip
    values.update({k: ends.get(v, v) if k == "ended_at" else v for k, v in fields.items()})
    with pytest.raises(InvalidInput) as caught:
        record_session(world.engineer, ticket, **values)
    assert caught.value.field == field
    assert not RemoteSession.objects.exists()


@pytest.mark.parametrize("who", ["customer", "quality"])
def test_customers_and_quality_cannot_record(world, ticket, who):
    start = timezone.now() - timedelta(hours=1)
    with pytest.raises(Forbidden):
        record_session(getattr(world, who), ticket, tool="VPN", started_at=start,
                       ended_at=start + timedelta(minutes=5), summary="x")  # fmt: skip


def test_the_api_lists_and_records_for_staff_and_the_tickets_partner(world, ticket):
    url = f"/tickets/{ticket.number}/remote-sessions"
    partner = ApiClient(issue_api_token(world.partner_a_tech))  # the machine's model is partner A's
    created = partner.post(url, _session())
    assert created.status_code == 201, created.content
    assert created.json()["by"]["id"] == world.partner_a_tech.pk
    listed = ApiClient(issue_api_token(world.engineer)).get(url)
    assert listed.status_code == 200
    assert [s["tool"] for s in listed.json()["items"]] == ["AnyDesk"]


def test_the_api_refuses_bad_times_and_hides_tickets(world, ticket):
    url = f"/tickets/{ticket.number}/remote-sessions"
    engineer = ApiClient(issue_api_token(world.engineer))
    backwards = engineer.post(url, _session(**_times(minutes=-10)))
    assert backwards.status_code == 422 and backwards.json()["field"] == "ended_at"
    other_partner = ApiClient(issue_api_token(world.partner_b_tech))
    assert other_partner.post(url, _session()).status_code == 404
    assert other_partner.get(url).status_code == 404
    customer = ApiClient(issue_api_token(world.customer))
    assert customer.post(url, _session()).status_code == 403
    assert customer.get(url).status_code == 403
    assert ApiClient(issue_api_token(world.other_customer)).get(url).status_code == 404
    assert not RemoteSession.objects.exists()


def test_customers_do_not_see_the_history_row(world, ticket):
    start = timezone.now() - timedelta(hours=1)
    end = start + timedelta(minutes=9)
    record_session(
        world.engineer, ticket, tool="VPN", started_at=start, ended_at=end, summary="Read the log."
    )
    history = ApiClient(issue_api_token(world.customer)).get(f"/tickets/{ticket.number}/history").json()
    assert all(row["name"] != "solution.remote_session" for row in history["items"])


def test_the_console_form_records_and_shows_errors(world, ticket):
    client = Client()
    client.force_login(world.engineer)
    url = reverse("console:remote_session", args=[ticket.number])
    start = timezone.localtime(timezone.now() - timedelta(hours=2))
    fmt = "%Y-%m-%dT%H:%M"
    earlier = (start - timedelta(hours=1)).strftime(fmt)
    bad = client.post(
        url, {"tool": "VPN", "started_at": start.strftime(fmt), "ended_at": earlier, "summary": "x"}
    )
    assert bad.status_code == 422 and "must end after it started" in bad.content.decode()
    ok = client.post(url, {"tool": "Video call", "started_at": start.strftime(fmt),
                           "ended_at": (start + timedelta(minutes=20)).strftime(fmt),
                           "summary": "Walked the operator through the reset."})  # fmt: skip
    assert ok.status_code == 302
    page = client.get(reverse("console:ticket", args=[ticket.number])).content.decode()
    assert "Walked the operator through the reset." in page and 'id="remote-session-tools"' in page
    assert "remote assistance session: Video call" in page  # the timeline's sentence for it
