"""Routing rules through the API: administrators keep them and test a sample ticket against them
(with an unsaved rule too); everyone else is answered 403, an unknown rule 404."""

from __future__ import annotations

import pytest

from serviceloop.accounts.models import Team
from serviceloop.accounts.services import issue_api_token
from serviceloop.api.tests.conftest import PREFIX, ApiClient
from serviceloop.routing.models import RoutingRule
from serviceloop.tickets.models import Category, Channel

from .conftest import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_for():
    return lambda user: ApiClient(issue_api_token(user))


def delete(client, path):
    return client._checked("DELETE", path, client.client.delete(PREFIX + path, **client.extra))


@pytest.fixture
def engineers(world) -> Team:
    team = Team.objects.create(name="Engineering")
    team.members.add(world.engineer)
    return team


def test_an_administrator_creates_reads_changes_and_deletes_a_rule(world, api_for, engineers):
    client = api_for(world.admin)
    created = client.post("/routing-rules", {
        "name": "Hydra spindles", "position": 5, "channels": ["phone", "email"], "categories": ["technical"],
        "supplier_ids": [world.partner_a.pk], "product_module_ids": [world.spindle.pk], "warranty": ["in"],
        "keywords": ["主轴", "spindle"], "team_id": engineers.pk, "assignee_id": world.engineer.pk,
        "priority": 2, "tags": ["hydra"], "notify_user_ids": [world.supervisor.pk], "stop": False,
    })  # fmt: skip
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["supplier_ids"], body["product_module_ids"]) == ([world.partner_a.pk], [world.spindle.pk])
    assert (body["team_id"], body["assignee_id"], body["priority"], body["stop"]) == (
        engineers.pk, world.engineer.pk, 2, False)  # fmt: skip
    rule_id = body["id"]
    assert client.get(f"/routing-rules/{rule_id}").json()["keywords"] == ["主轴", "spindle"]
    changed = client.patch(f"/routing-rules/{rule_id}", {"position": 1, "supplier_ids": []})
    assert changed.status_code == 200 and changed.json()["supplier_ids"] == []
    listed = client.get("/routing-rules").json()
    assert [item["name"] for item in listed["items"]] == ["Hydra spindles"]
    assert delete(client, f"/routing-rules/{rule_id}").status_code == 204
    assert not RoutingRule.objects.exists()


@pytest.mark.parametrize("who", ["supervisor", "manager", "agent", "partner_a_tech", "customer"])
def test_everyone_but_administrators_is_refused(world, api_for, who):
    rule = make_rule("one")
    client = api_for(getattr(world, who))
    assert client.get("/routing-rules").status_code == 403
    assert client.get(f"/routing-rules/{rule.pk}").status_code == 403
    assert client.post("/routing-rules", {"name": "mine"}).status_code == 403
    assert client.patch(f"/routing-rules/{rule.pk}", {"name": "x"}).status_code == 403
    assert delete(client, f"/routing-rules/{rule.pk}").status_code == 403
    assert client.post("/routing-rules/test", {"sample": {"subject": "x"}}).status_code == 403
    assert RoutingRule.objects.get().name == "one"


def test_an_unknown_rule_is_404(world, api_for):
    client = api_for(world.admin)
    assert client.get("/routing-rules/999").status_code == 404
    assert client.patch("/routing-rules/999", {"name": "x"}).status_code == 404
    assert delete(client, "/routing-rules/999").status_code == 404
    response = client.post("/routing-rules/test", {"sample": {}, "rule": {"name": "x"}, "rule_id": 999})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"assignee_id": "customer"}, "assignee_id", "not active service staff"),
        ({"assignee_id": "agent", "team_id": "engineers"}, "assignee_id", "not a member of the team"),
        ({"priority": 5}, "priority", ""),
        ({"priority": 0}, "priority", ""),
        ({"team_id": 999}, "team_id", ""),
        ({"notify_user_ids": ["customer"]}, "notify_user_ids", "do not use the console"),
        ({"product_model_ids": [999]}, "product_model_ids", "999"),
        ({"channels": ["fax"]}, "channels", ""),
        ({"keywords": [""]}, "keywords", ""),
    ],
)
def test_invalid_rules_are_refused_naming_the_field(world, api_for, engineers, fields, field, words):
    named = {"customer": world.customer.pk, "agent": world.agent.pk, "engineers": engineers.pk}

    def resolve(value):
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return named.get(value, value) if isinstance(value, str) else value

    body = {"name": "bad", **{name: resolve(value) for name, value in fields.items()}}
    response = api_for(world.admin).post("/routing-rules", body)
    assert response.status_code == 422, response.json()
    assert response.json()["field"].startswith(field) and words in response.json()["detail"]
    assert not RoutingRule.objects.exists()


def test_a_name_taken_is_refused(world, api_for):
    make_rule("one")
    response = api_for(world.admin).post("/routing-rules", {"name": "one"})
    assert response.status_code == 422 and response.json()["field"] == "name"


def test_the_tester_says_which_rule_fires_and_why_the_others_do_not(world, api_for, engineers):
    make_rule("chat", position=1, channels=[Channel.CHAT])
    make_rule("complaints", position=2, categories=[Category.COMPLAINT], stop=False, tags=["complaint"])
    make_rule("german", position=3, countries=["DE"], team=engineers)
    make_rule("never", position=4)
    response = api_for(world.admin).post("/routing-rules/test", {"sample": {
        "subject": "Beschwerde", "body": "...", "channel": "email", "category": "complaint",
        "organisation_id": world.org.pk, "machine_id": world.machine_a.pk,
    }})  # fmt: skip
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["fires"] == ["complaints", "german"]
    assert (body["decision"]["team_id"], body["decision"]["tags"]) == (engineers.pk, ["complaint"])
    verdicts = {rule["name"]: rule for rule in body["rules"]}
    assert (verdicts["chat"]["matched"], verdicts["chat"]["failed_condition"]) == (False, "channels")
    assert verdicts["chat"]["reason"] == "does not hold: channel"
    assert verdicts["german"]["matched"] and verdicts["german"]["reason"] == "fires; stops here"
    assert (verdicts["never"]["matched"], verdicts["never"]["tried"]) == (False, False)


def test_an_unsaved_rule_is_tried_in_its_place_and_nothing_is_written(world, api_for):
    make_rule("german", position=10, countries=["DE"])
    client = api_for(world.admin)
    sample = {"subject": "Spindel", "organisation_id": world.org.pk, "channel": "phone"}
    response = client.post("/routing-rules/test", {
        "sample": sample, "rule": {"name": "phones first", "position": 5, "channels": ["phone"]},
    })  # fmt: skip
    assert response.json()["fires"] == ["phones first"]
    assert response.json()["rules"][0]["id"] is None
    assert RoutingRule.objects.count() == 1
    # A change of a saved rule, before saving it: the saved one is replaced in the test.
    german = RoutingRule.objects.get()
    response = client.post("/routing-rules/test", {
        "sample": sample, "rule_id": german.pk, "rule": {"countries": ["FR"]},
    })  # fmt: skip
    assert response.json()["fires"] == []
    assert response.json()["rules"][0]["failed_condition"] == "countries"
    assert RoutingRule.objects.get().countries == ["DE"]


def test_an_invalid_unsaved_rule_or_sample_is_refused(world, api_for):
    client = api_for(world.admin)
    response = client.post("/routing-rules/test", {"sample": {}, "rule": {"name": "x", "priority": 9}})
    assert response.status_code == 422 and response.json()["field"] == "rule.priority"
    response = client.post("/routing-rules/test", {"sample": {"machine_id": 999}})
    assert response.status_code == 422 and response.json()["field"] == "machine_id"


def test_an_unsaved_rule_needs_a_valid_assignee_too(world, api_for):
    client = api_for(world.admin)
    response = client.post("/routing-rules/test", {"sample": {}, "rule": {"assignee_id": world.customer.pk}})
    assert response.status_code == 422
    assert response.json()["field"] in ("rule.name", "rule.assignee_id")
    response = client.post("/routing-rules/test", {
        "sample": {}, "rule": {"name": "x", "assignee_id": world.customer.pk},
    })  # fmt: skip
    assert response.status_code == 422 and response.json()["field"] == "rule.assignee_id"
    assert response.json()["detail"].startswith("rule.assignee_id: ")
