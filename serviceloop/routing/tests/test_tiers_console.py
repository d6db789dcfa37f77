"""The console ticket page's tier panel: the summary first, then the forms to escalate and hand back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.routing.models import HandOff, Tier
from serviceloop.routing.tiers import escalate
from serviceloop.tickets.models import Status
from serviceloop.tickets.services import transition

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(user, ticket) -> str:
    return _client(user).get(reverse("console:ticket", args=[ticket.number])).content.decode()


@pytest.fixture
def taken(world):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    return ticket


def test_the_next_tier_reads_the_summary_before_the_timeline(world, taken):
    escalate(world.agent, taken, Tier.ENGINEER, "Older reason", "Older attempt", assignee=world.engineer.pk)
    escalate(world.engineer, taken, Tier.EXPERT, "Bearing spectrum is odd", "Vibration test at 3000 rpm")
    html = _page(world.engineer, taken)
    summary = html.index('id="hand-off-summary"')
    assert summary < html.index("Bearing spectrum is odd") < html.index("Vibration test at 3000 rpm")
    assert html.index("Vibration test at 3000 rpm") < html.index('id="hand-off-history"')
    assert html.index('id="hand-off-history"') < html.index("Older attempt")
    assert 'data-tier="expert"' in html
    assert html.index('id="escalation"') < html.index("Conversation and history")


def test_the_plain_escalate_button_is_gone_and_the_form_offers_the_allowed_tiers(world, taken):
    html = _page(world.agent, taken)
    assert 'name="action" value="escalate"' not in html
    form = html[html.index('id="escalate-form"') :]
    form = form[: form.index("</form>")]
    assert 'value="engineer"' in form and 'value="manager"' in form and 'value="expert"' not in form
    assert 'id="de-escalate-form"' not in html  # at L1 already


def test_escalating_through_the_form(world, taken):
    url = reverse("console:escalate", args=[taken.number])
    body = {
        "to_tier": "engineer",
        "reason": "Noise persists",
        "tried": "Belt swapped",
        "assignee": world.engineer.pk,
    }
    response = _client(world.agent).post(url, body)
    assert response.status_code == 302 and response["Location"].endswith("#escalation")
    taken.refresh_from_db()
    assert taken.status == Status.ESCALATED and taken.assignee_id == world.engineer.pk
    assert HandOff.objects.get().tried == "Belt swapped"


def test_a_missing_summary_is_shown_on_its_field(world, taken):
    url = reverse("console:escalate", args=[taken.number])
    response = _client(world.agent).post(url, {"to_tier": "engineer", "reason": "Noise", "tried": ""})
    assert response.status_code == 422
    html = response.content.decode()
    assert "is-invalid" in html[html.index('id="escalate-form"') :]
    assert not HandOff.objects.exists()


def test_a_move_the_tiers_refuse_is_explained(world, taken):
    url = reverse("console:escalate", args=[taken.number])
    response = _client(world.agent).post(url, {"to_tier": "l1", "reason": "x", "tried": "y"})
    assert response.status_code == 422  # not offered: the form refuses it before the service
    escalate(world.agent, taken, Tier.MANAGER, "Angry customer", "Everything")
    html = _page(world.manager, taken)
    assert 'id="escalate-form"' not in html and 'id="de-escalate-form"' in html


def test_handing_back_through_the_form(world, taken):
    escalate(world.agent, taken, Tier.ENGINEER, "Noise", "Belt", assignee=world.engineer.pk)
    url = reverse("console:de_escalate", args=[taken.number])
    response = _client(world.engineer).post(url, {"reason": "Call the customer", "assignee": ""})
    assert response.status_code == 302
    taken.refresh_from_db()
    assert taken.assignee_id == world.agent.pk
    html = _page(world.agent, taken)
    assert 'data-tier="l1"' in html and "Call the customer" in html


def test_the_plain_escalate_transition_points_to_the_form(world, taken):
    url = reverse("console:transition", args=[taken.number])
    response = _client(world.agent).post(url, {"action": "escalate", "version": taken.version})
    assert response.status_code == 409 and "escalation form" in response.content.decode()


def test_a_partner_sees_the_panel_without_forms_and_cannot_post(world):
    ticket = world.ticket(machine_id=world.machine_a.pk)
    escalate(world.agent, ticket, Tier.ENGINEER, "Needs the supplier", "Reset")
    client = _client(world.partner_a_tech)
    html = client.get(reverse("console:ticket", args=[ticket.number])).content.decode()
    assert "Needs the supplier" in html and 'id="escalate-form"' not in html
    response = client.post(reverse("console:escalate", args=[ticket.number]),
                           {"to_tier": "manager", "reason": "x", "tried": "y"})  # fmt: skip
    assert response.status_code == 403 and HandOff.objects.count() == 1
