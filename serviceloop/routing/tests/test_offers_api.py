"""Offers to suppliers and the expert register through the API."""

from __future__ import annotations

import pytest

from serviceloop.accounts.services import issue_api_token
from serviceloop.api.tests.conftest import ApiClient
from serviceloop.routing.models import ExpertContact, SupplierOffer

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_for():
    return lambda user: ApiClient(issue_api_token(user))


def test_staff_read_the_offer_with_the_contacts_to_call(handled, api_for):
    ticket = handled.ticket()
    body = api_for(handled.agent).get(f"/tickets/{ticket.number}/supplier-offers").json()
    assert [(o["supplier"]["name"], o["state"], o["reason"]) for o in body["items"]] == [
        ("Hydra Partner GmbH", "open", "warranty")
    ]
    assert {c["name"]: c["phone"] or c["mobile"] for c in body["contacts"]} == {
        "Hydra desk": "+49 170 1", "Hydra phone line": "+49 30 9",
    }  # fmt: skip


def test_the_partner_sees_its_offer_but_not_the_phones_and_answers_it(handled, api_for):
    ticket = handled.ticket()
    partner = api_for(handled.partner_a_tech)
    body = partner.get(f"/tickets/{ticket.number}/supplier-offers").json()
    assert len(body["items"]) == 1 and body["contacts"] == []
    answered = partner.post(f"/tickets/{ticket.number}/supplier-offers/answer", {"note": "On it"})
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    again = partner.post(f"/tickets/{ticket.number}/supplier-offers/answer", {})
    assert again.status_code == 409


def test_another_supplier_and_customers_cannot_reach_the_offer(handled, api_for):
    ticket = handled.ticket()
    path = f"/tickets/{ticket.number}/supplier-offers"
    assert api_for(handled.partner_b_tech).get(path).status_code == 404
    assert api_for(handled.partner_b_tech).post(path + "/answer", {}).status_code == 404
    assert api_for(handled.customer).get(path).status_code == 403


def test_declining_needs_a_reason(handled, api_for):
    ticket = handled.ticket()
    path = f"/tickets/{ticket.number}/supplier-offers/decline"
    refused = api_for(handled.partner_a_tech).post(path, {"note": ""})
    assert refused.status_code == 422 and "note" in refused.json()["detail"]
    declined = api_for(handled.partner_a_tech).post(path, {"note": "Not our unit"})
    assert declined.json()["state"] == SupplierOffer.State.DECLINED


def test_offering_by_hand_and_twice(handled, api_for):
    handled.partner_a.handles_in_warranty = False
    handled.partner_a.save()
    ticket = handled.ticket()
    path = f"/tickets/{ticket.number}/supplier-offers"
    created = api_for(handled.agent).post(path, {})
    assert created.status_code == 201 and created.json()["reason"] == "manual"
    assert api_for(handled.agent).post(path, {}).status_code == 409


def test_the_register_is_for_staff_and_filters(handled, api_for):
    ExpertContact.objects.create(company=handled.own, name="Li Wei", languages="zh-hans", city="Suzhou")
    agent = api_for(handled.agent)
    everyone = agent.get("/experts").json()
    assert {c["name"] for c in everyone} == {"Hydra desk", "Hydra phone line", "Li Wei"}
    assert [c["name"] for c in agent.get("/experts?kind=own").json()] == ["Li Wei"]
    assert [c["name"] for c in agent.get("/experts?q=suzhou").json()] == ["Li Wei"]
    chinese = {c["name"] for c in agent.get("/experts?language=zh").json()}
    assert "Li Wei" in chinese  # contacts with no languages set are listed too
    assert api_for(handled.partner_a_tech).get("/experts").status_code == 403
    assert api_for(handled.customer).get("/experts").status_code == 403


def test_a_product_line_no_row_can_hold_is_refused(handled, api_for):
    response = api_for(handled.agent).get(f"/experts?product_line={2**70}")
    assert response.status_code == 422 and response.json()["field"] == "product_line"
