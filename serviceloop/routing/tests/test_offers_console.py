"""The supplier panel of the console's ticket page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.routing.models import SupplierOffer, Tier
from serviceloop.routing.tiers import current_tier

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(user, ticket) -> str:
    response = _client(user).get(reverse("console:ticket", args=[ticket.number]))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_see_the_offer_the_deadline_and_the_phones(handled):
    ticket = handled.ticket()
    page = _page(handled.agent, ticket)
    assert 'id="supplier-offer"' in page and "Hydra Partner GmbH" in page
    assert 'href="tel:+49 30 9"' in page and "no login: call" in page
    assert "offered the ticket to Hydra Partner GmbH" in page  # the timeline


def test_the_supplier_sees_its_offer_without_the_register_and_takes_it_up(handled):
    ticket = handled.ticket()
    page = _page(handled.partner_a_tech, ticket)
    assert "We take it up" in page and "tel:+49 30 9" not in page
    response = _client(handled.partner_a_tech).post(reverse("console:offer_answer", args=[ticket.number]))
    assert response.status_code == 302
    assert SupplierOffer.objects.get(ticket=ticket).state == SupplierOffer.State.ANSWERED


def test_declining_without_a_reason_shows_the_form_again(handled):
    ticket = handled.ticket()
    url = reverse("console:offer_decline", args=[ticket.number])
    refused = _client(handled.partner_a_tech).post(url, {"note": ""})
    assert refused.status_code == 422 and 'id="offer-decline-note"' in refused.content.decode()
    assert SupplierOffer.objects.get(ticket=ticket).state == SupplierOffer.State.OPEN
    _client(handled.partner_a_tech).post(url, {"note": "Not our unit"})
    ticket.refresh_from_db()
    assert current_tier(ticket) == Tier.EXPERT


def test_offering_by_hand_from_the_page(handled):
    handled.partner_a.handles_in_warranty = False
    handled.partner_a.save()
    ticket = handled.ticket()
    assert 'id="offer-form"' in _page(handled.agent, ticket)
    response = _client(handled.agent).post(reverse("console:supplier_offer", args=[ticket.number]))
    assert response.status_code == 302
    assert SupplierOffer.objects.get(ticket=ticket).reason == SupplierOffer.Reason.MANUAL
    again = _client(handled.agent).post(reverse("console:supplier_offer", args=[ticket.number]))
    assert again.status_code == 409 and "already offered" in again.content.decode()


def test_no_panel_for_our_own_products(handled):
    ticket = handled.ticket(machine_id=None)
    assert 'id="supplier-offer"' not in _page(handled.agent, ticket)
