"""The knowledge API: search and read by visibility, write and review, versions, feedback."""

from __future__ import annotations

import pytest

from serviceloop.knowledge.models import ArticleFeedback, KnowledgeCategory, SearchMiss
from serviceloop.knowledge.tests.conftest import one_of_each_visibility


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


@pytest.fixture
def shelf(world, category):
    return one_of_each_visibility(world, category)


def found_titles(response) -> set[str]:
    return {item["article"]["title"].removeprefix("Spindle belt ") for item in response.json()["items"]}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("customer", {"public", "customers"}),
        ("partner_a_tech", {"public", "customers", "Hydra"}),
        ("partner_b_tech", {"public", "customers"}),
        ("agent", {"public", "customers", "internal", "Hydra"}),
    ],
)
def test_search_finds_only_what_the_user_may_read(client_for, world, shelf, who, expected):
    api = client_for(getattr(world, who))
    response = api.get("/knowledge/articles", {"q": "spindle belt"})
    assert response.status_code == 200
    assert found_titles(response) == expected
    assert found_titles(api.get("/knowledge/articles")) == expected  # browsing without words


def test_search_pages_snippets_filters_and_gaps(client_for, world, shelf):
    api = client_for(world.customer)
    first = api.get("/knowledge/articles", {"q": "spindle belt", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = api.get("/knowledge/articles", {"q": "spindle belt", "limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None
    assert {first["items"][0]["article"]["id"], second["items"][0]["article"]["id"]} == {
        shelf["public"].pk, shelf["customers"].pk}  # fmt: skip
    assert (
        "<mark>tensioner</mark>"
        in api.get("/knowledge/articles", {"q": "tensioner"}).json()["items"][0]["snippet"]
    )
    assert found_titles(api.get("/knowledge/articles", {"q": "spindle", "language": "de"})) == {"customers"}
    assert api.get("/knowledge/articles", {"q": "hydraulic valve"}).json()["items"] == []
    assert SearchMiss.objects.get().query == "hydraulic valve"
    bad = api.get("/knowledge/articles", {"q": "belt", "language": "not a language"})
    assert bad.status_code == 422 and bad.json()["field"] == "language"


def test_staff_may_search_drafts_readers_never(client_for, world, shelf):
    assert "draft" in found_titles(
        client_for(world.agent).get("/knowledge/articles", {"q": "spindle belt", "include_unpublished": True})
    )
    customer = client_for(world.customer).get(
        "/knowledge/articles", {"q": "spindle belt", "include_unpublished": True}
    )
    assert "draft" not in found_titles(customer)


def test_read_article_by_visibility(client_for, world, shelf):
    customer = client_for(world.customer)
    body = customer.get(f"/knowledge/articles/{shelf['public'].pk}").json()
    assert body["title"] == "Spindle belt public" and body["category"]["name"] == "CNC lathes"
    assert body["body_html"] == "<p>Open the rear cover and loosen the tensioner.</p>"
    for name in ("internal", "partner", "draft"):
        assert customer.get(f"/knowledge/articles/{shelf[name].pk}").status_code == 404, name
    assert (
        client_for(world.partner_a_tech).get(f"/knowledge/articles/{shelf['partner'].pk}").status_code == 200
    )
    assert customer.get("/knowledge/articles/0").status_code == 422


def test_write_review_and_read_versions(client_for, world, category):
    writer, owner = client_for(world.agent), client_for(world.engineer)
    created = writer.post("/knowledge/articles", {
        "title": "Belt slips", "category_id": category.pk, "kind": "known_problem", "symptom": "Noise",
        "fix_steps": "1. Tighten", "visibility": "public", "product_model_ids": [world.model_a.pk],
        "note": "first",
    })  # fmt: skip
    assert created.status_code == 201, created.json()
    article = created.json()
    assert article["status"] == "draft" and article["product_models"] == [
        {"id": world.model_a.pk, "code": "CL-200"}
    ]
    pk = article["id"]
    changed = writer.patch(f"/knowledge/articles/{pk}", {"cause": "Worn belt", "note": "cause"})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert (
        writer.post(f"/knowledge/articles/{pk}/transitions", {"action": "submit"}).json()["status"]
        == "in_review"
    )
    refused = writer.post(f"/knowledge/articles/{pk}/transitions", {"action": "publish"})
    assert refused.status_code == 403
    assert owner.post(f"/knowledge/articles/{pk}/transitions", {"action": "submit"}).status_code == 409
    assert (
        owner.post(f"/knowledge/articles/{pk}/transitions", {"action": "publish"}).json()["status"]
        == "published"
    )
    versions = writer.get(f"/knowledge/articles/{pk}/versions").json()["items"]
    assert [(v["number"], v["note"]) for v in versions] == [(1, "first"), (2, "cause")]
    # Readers read the article but not its earlier versions.
    customer = client_for(world.customer)
    assert customer.get(f"/knowledge/articles/{pk}").status_code == 200
    assert customer.get(f"/knowledge/articles/{pk}/versions").status_code == 403
    assert (
        customer.post("/knowledge/articles", {"title": "Mine", "category_id": category.pk}).status_code == 403
    )


def test_language_versions_and_conflicts(client_for, world, shelf):
    writer = client_for(world.agent)
    english = shelf["public"]
    zh = writer.post("/knowledge/articles", {"title": "主轴皮带", "category_id": english.category_id,
                                              "language": "zh", "translation_of": english.pk})  # fmt: skip
    assert zh.status_code == 201 and zh.json()["language"] == "zh-hans"
    assert zh.json()["translation_group"] == str(english.translation_group)
    again = writer.post("/knowledge/articles", {"title": "Again", "category_id": english.category_id,
                                                 "language": "en", "translation_of": english.pk})  # fmt: skip
    assert again.status_code == 409
    # A partner writes, but cannot translate what it may not read.
    hidden = client_for(world.partner_a_tech).post(
        "/knowledge/articles",
        {"title": "x", "category_id": english.category_id, "translation_of": shelf["internal"].pk},
    )
    assert hidden.status_code == 404
    versions = writer.get(f"/knowledge/articles/{english.pk}").json()["language_versions"]
    assert {v["language"] for v in versions} == {"zh-hans"}


def test_feedback_one_vote_per_user(client_for, world, shelf):
    customer = client_for(world.customer)
    url = f"/knowledge/articles/{shelf['public'].pk}/feedback"
    assert customer.post(url, {"helpful": True}).json()["helpful_count"] == 1
    answer = customer.post(url, {"helpful": False, "comment": "Step 3 is wrong"}).json()
    assert (answer["helpful_count"], answer["not_helpful_count"], answer["comment"]) == (
        0,
        1,
        "Step 3 is wrong",
    )
    assert ArticleFeedback.objects.count() == 1
    assert (
        customer.post(f"/knowledge/articles/{shelf['internal'].pk}/feedback", {"helpful": True}).status_code
        == 404
    )
    agent = client_for(world.agent)
    assert (
        agent.post(f"/knowledge/articles/{shelf['draft'].pk}/feedback", {"helpful": True}).status_code == 404
    )
    assert customer.post(url, {"helpful": "perhaps"}).status_code == 422
