"""The quarterly ranking of knowledge contributions: for managers, with a quarter selector."""

from __future__ import annotations

import re

import pytest

from serviceloop.knowledge.models import ArticleEvent, KnowledgeCategory
from serviceloop.knowledge.services.contributions import Quarter
from serviceloop.knowledge.tests.conftest import published, write

from .conftest import text_of

PAGE = "/console/knowledge/contributions/"


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def _people(html: str) -> list[str]:
    body = html.split('id="contributions"', 1)[1]
    return re.findall(r"<td>\d+</td><td>([^<]+)</td>", body)


def test_managers_see_the_ranking_and_the_formula(world, category, login):
    published(world, category)  # the agent writes (5), the manager publishes (2)
    write(category, world.engineer, title="Draft", language="de")
    write(category, world.engineer, title="Other", language="fr")  # the engineer: 10
    response = login(world.manager).get(PAGE)
    html = text_of(response)
    assert response.status_code == 200
    assert _people(html) == [str(world.engineer), str(world.agent), str(world.manager)]
    assert "Points: 5 for each article written" in html and "2 for each review" in html
    assert f'<option value="{Quarter.current()}" selected>' in html


def test_another_quarter_is_chosen_by_its_name(world, category, login):
    published(world, category)
    last = Quarter.current().previous
    ArticleEvent.objects.filter(actor=world.agent).update(at=last.start)
    client = login(world.supervisor)
    html = text_of(client.get(PAGE, {"quarter": str(last)}))
    assert _people(html) == [str(world.agent)] and f'<option value="{last}" selected>' in html
    old = text_of(client.get(PAGE, {"quarter": "2019Q2"}))
    assert "Nobody contributed" in old and '<option value="2019Q2" selected>' in old


def test_a_wrong_quarter_is_a_clear_400(world, login):
    response = login(world.admin).get(PAGE, {"quarter": "2026Q9"})
    assert response.status_code == 400 and "not a quarter such as 2026Q4" in text_of(response)


@pytest.mark.parametrize("who", ["agent", "engineer", "quality", "partner_a_tech"])
def test_others_are_turned_away(world, login, who):
    client = login(getattr(world, who))
    assert client.get(PAGE).status_code == 403
    assert PAGE not in text_of(client.get("/console/knowledge/"))  # no tab leads there


def test_managers_find_it_among_the_knowledge_tabs(world, login):
    assert f'href="{PAGE}"' in text_of(login(world.manager).get("/console/knowledge/"))


def test_visitors_are_sent_to_sign_in(client, world):
    assert client.get(PAGE).status_code == 302
