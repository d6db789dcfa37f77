"""Administrators keep the rules in the admin: the ordered list edited in place, the change form with
its checks, the tester for the saved rules, and "Test this rule" on values not saved yet."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from serviceloop.accounts.models import Team
from serviceloop.routing.models import RoutingRule
from serviceloop.sla.tests.test_admin import _form_data
from serviceloop.tickets.models import Category, Channel

from .conftest import make_rule

pytestmark = pytest.mark.django_db
LIST = "/admin/routing/routingrule/"


@pytest.fixture
def engineers(world) -> Team:
    team = Team.objects.create(name="Engineering")
    team.members.add(world.engineer)
    return team


def rule_data(**fields) -> dict[str, object]:
    data: dict[str, object] = {"name": "Rule", "position": "100", "is_active": "on", "stop": "on"}
    data.update(fields)
    return data


def test_the_list_is_in_order_and_position_and_active_are_edited_in_place(world, admin_client):
    second = make_rule("second", position=20)
    first = make_rule("first", position=10)
    page = admin_client.get(LIST).content.decode()
    assert page.index(">first<") < page.index(">second<")
    data = _form_data(page)
    data.pop("is_active", None)
    for index, rule in enumerate((first, second)):
        assert data[f"form-{index}-id"] == str(rule.pk)
    data.update({"form-0-position": "30", "form-1-is_active": "", "_save": "Save"})
    data.pop("form-1-is_active")
    response = admin_client.post(LIST, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, second.is_active) == (30, False)


def test_the_change_form_saves_word_lists_and_ticks(world, admin_client, engineers):
    response = admin_client.post(LIST + "add/", rule_data(
        name="Chinese spindles", channels=[Channel.EMAIL, Channel.PHONE], countries="cn, TW",
        keywords="主轴，漏油, spindle", tags="china\nspindle", languages="zh", team=engineers.pk,
        assignee=world.engineer.pk, priority="2", product_modules=[world.spindle.pk],
    ))  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    rule = RoutingRule.objects.get()
    assert rule.channels == [Channel.EMAIL, Channel.PHONE]
    assert (rule.countries, rule.keywords, rule.tags) == (["cn", "TW"], ["主轴", "漏油", "spindle"],
                                                          ["china", "spindle"])  # fmt: skip
    assert list(rule.product_modules.all()) == [world.spindle]
    page = admin_client.get(f"{LIST}{rule.pk}/change/").content.decode()
    assert 'value="主轴, 漏油, spindle"' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"assignee": "customer"}, "is not active service staff"),
        ({"assignee": "agent", "team": "engineers"}, "is not a member of the team Engineering"),
        ({"priority": "5"}, "less than or equal to 4"),
        ({"priority": "0"}, "greater than or equal to 1"),
        ({"notify_users": ["customer"]}, "do not use the console"),
    ],
)
def test_the_change_form_refuses_bad_actions(world, admin_client, engineers, fields, message):
    named = {"customer": world.customer.pk, "agent": world.agent.pk, "engineers": engineers.pk}
    data = {k: ([named[x] for x in v] if isinstance(v, list) else named.get(v, v)) for k, v in fields.items()}
    response = admin_client.post(LIST + "add/", rule_data(**data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RoutingRule.objects.exists()


def test_the_tester_says_which_rule_fires_and_why_the_others_do_not(world, admin_client):
    make_rule("chat", position=1, channels=[Channel.CHAT])
    make_rule("complaints", position=2, categories=[Category.COMPLAINT])
    make_rule("germany", position=3, countries=["DE"], tags=["de"])
    make_rule("below", position=4)
    assert 'href="/admin/routing/routingrule/test/"' in admin_client.get(LIST).content.decode()
    empty = admin_client.get(LIST + "test/").content.decode()
    assert 'name="sample-machine"' in empty and 'id="test-result"' not in empty
    response = admin_client.post(LIST + "test/", {
        "sample-subject": "Spindel", "sample-channel": Channel.EMAIL, "sample-category": Category.TECHNICAL,
        "sample-organisation": world.org.pk, "sample-machine": world.machine_a.pk,
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    rows = re.findall(
        r'<tr class="(fires|does-not-fire)">\s*<td>\d+</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', page
    )
    assert rows == [
        ("does-not-fire", "chat", "does not hold: channel"),
        ("does-not-fire", "complaints", "does not hold: category"),
        ("fires", "germany", "✔ fires; stops here"),
        ("does-not-fire", "below", "not tried: a rule above fired and stopped"),
    ]
    assert "<th>Tags</th><td>de</td>" in page
    assert RoutingRule.objects.count() == 4


def test_test_this_rule_tries_the_forms_values_without_saving(world, admin_client, engineers):
    germany = make_rule("germany", position=10, countries=["DE"], team=world.team)
    page = admin_client.get(f"{LIST}{germany.pk}/change/").content.decode()
    assert 'formaction="/admin/routing/routingrule/test-rule/"' in page
    data = _form_data(page)
    data.update({
        "countries": "FR", "sample-subject": "Spindel", "sample-organisation": str(world.org.pk),
        "_test_rule": "",
    })  # fmt: skip
    page = admin_client.post(LIST + "test-rule/", data).content.decode()
    assert "does not hold: country" in page and "(not saved)" in page
    germany.refresh_from_db()
    assert germany.countries == ["DE"]
    # A new rule, not saved, placed before the saved one.
    data = rule_data(name="phones", position="5", channels=[Channel.PHONE], team=engineers.pk)
    data.update({"_rule_id": "", "sample-channel": Channel.PHONE, "sample-organisation": world.org.pk})
    page = admin_client.post(LIST + "test-rule/", data).content.decode()
    assert "✔ fires; stops here" in page and "<strong>phones</strong>" in page
    assert "Engineering (phones)" in page
    assert not RoutingRule.objects.filter(name="phones").exists()


def test_test_this_rule_reports_what_is_wrong_with_the_form(world, admin_client):
    data = rule_data(assignee=world.customer.pk, **{"sample-subject": "x", "_rule_id": ""})
    page = admin_client.post(LIST + "test-rule/", data).content.decode()
    assert "cannot be tried as it stands" in page and "is not active service staff" in page


def test_only_administrators_reach_the_rules_and_the_tester(world):
    client = Client()
    client.force_login(world.supervisor)
    for url in (LIST, LIST + "test/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
