"""POST /tickets/{ref}/knowledge-article: a resolved ticket becomes a draft article, once."""

from __future__ import annotations

import pytest

from serviceloop.knowledge.models import Article, KnowledgeCategory
from serviceloop.knowledge.tests.resolved_tickets import solved


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def test_a_resolved_ticket_becomes_a_draft_article(client_for, world, category):
    ticket = solved(world)
    response = client_for(world.engineer).post(f"/tickets/{ticket.number}/knowledge-article", raw="")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["status"], body["visibility"]) == ("known_problem", "draft", "internal")
    assert body["source_ticket"] == ticket.number and body["category"]["id"] == category.pk
    assert "CL200-0001" not in body["cause"] and body["cause"].startswith("The belt of SN [serial number]")
    assert Article.objects.get(pk=body["id"]).source_ticket == ticket


def test_the_second_time_is_a_conflict_naming_the_article(client_for, world, category):
    ticket = solved(world)
    api = client_for(world.agent)
    first = api.post(f"/tickets/{ticket.pk}/knowledge-article").json()
    again = api.post(f"/tickets/{ticket.number}/knowledge-article")
    assert again.status_code == 409 and str(first["id"]) in again.json()["detail"]


def test_an_unresolved_ticket_is_a_conflict(client_for, world, category):
    ticket = solved(world, resolve=False)
    response = client_for(world.agent).post(f"/tickets/{ticket.number}/knowledge-article")
    assert response.status_code == 409 and "resolved or closed" in response.json()["detail"]


def test_without_a_category_the_error_names_the_field_and_one_may_be_given(client_for, world):
    other = KnowledgeCategory.objects.create(name="Grinders", owner=world.engineer)
    ticket = solved(world)
    api = client_for(world.agent)
    refused = api.post(f"/tickets/{ticket.number}/knowledge-article", {})
    assert refused.status_code == 422 and refused.json()["field"] == "category_id"
    missing = api.post(f"/tickets/{ticket.number}/knowledge-article", {"category_id": 999999})
    assert missing.status_code == 422 and missing.json()["field"] == "category_id"
    made = api.post(f"/tickets/{ticket.number}/knowledge-article", {"category_id": other.pk})
    assert made.status_code == 201 and made.json()["category"]["id"] == other.pk


def test_who_may(client_for, world, category):
    ticket = solved(world)
    path = f"/tickets/{ticket.number}/knowledge-article"
    assert client_for(world.quality).post(path).status_code == 403
    assert client_for(world.customer).post(path).status_code == 403
    assert client_for(world.partner_b_tech).post(path).status_code == 404  # not their product's ticket
    assert client_for(None).post(path).status_code == 401
    assert client_for(world.agent).post("/tickets/SL-2099-999999/knowledge-article").status_code == 404
    assert not Article.objects.exists()
