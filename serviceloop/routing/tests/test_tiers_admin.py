"""Administrators say which team each tier is; hand-offs are shown, never written by hand."""

from __future__ import annotations

import pytest

from serviceloop.routing.models import HandOff, Tier, TierTeam
from serviceloop.routing.tiers import escalate
from serviceloop.tickets.services import transition

pytestmark = pytest.mark.django_db


def test_the_tier_team_is_set_in_the_admin_and_used_by_escalations(world, admin_client):
    form = {"tier": Tier.ENGINEER, "team": world.team.pk}
    response = admin_client.post("/admin/routing/tierteam/add/", form)
    assert response.status_code == 302
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    escalate(world.agent, ticket, Tier.ENGINEER, "Alarm persists after reset", "Reset, checked the log")
    ticket.refresh_from_db()
    assert TierTeam.objects.get(tier=Tier.ENGINEER).team == world.team
    assert ticket.team == world.team


def test_hand_offs_are_listed_and_cannot_be_added_or_changed(world, admin_client):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    escalate(world.agent, ticket, Tier.ENGINEER, "Alarm persists after reset", "Reset, checked the log")
    listing = admin_client.get("/admin/routing/handoff/")
    assert listing.status_code == 200 and ticket.number in listing.content.decode()
    assert admin_client.get("/admin/routing/handoff/add/").status_code == 403
    hand_off = HandOff.objects.get(ticket=ticket)
    page = admin_client.get(f"/admin/routing/handoff/{hand_off.pk}/change/")
    assert page.status_code == 200 and 'type="submit" value="Save"' not in page.content.decode()
