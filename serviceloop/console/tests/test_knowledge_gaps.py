"""Content gaps on "My reviews": listed for the staff who write, closed by a form, refused to others."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from serviceloop.knowledge.models import GapStatus, KnowledgeCategory, SearchMiss
from serviceloop.knowledge.services.gaps import record_miss
from serviceloop.knowledge.tests.conftest import published

from .conftest import text_of

PAGE = "/console/knowledge/reviews/"


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def _gap(query: str, times: int = 1, language: str = "en") -> SearchMiss:
    for _ in range(times):
        record_miss(query, language)
    return SearchMiss.objects.get(query=query, language=language)


def _close_url(gap: SearchMiss) -> str:
    return f"/console/knowledge/gaps/{gap.pk}/close/"


def _listed(html: str) -> list[str]:
    if 'id="gap-list"' not in html:
        return []
    return re.findall(
        r'<tr data-gap="\d+">\s*<td><a href="[^"]*">([^<]+)</a>', html.split('id="gap-list"')[1]
    )


def test_the_owner_sees_the_most_searched_gaps_with_a_search_link(world, login):
    _gap("pump leak", 2)
    _gap("主轴 异响", 4, "zh-hans")
    html = text_of(login(world.engineer).get(PAGE))
    assert _listed(html) == ["主轴 异响", "pump leak"]
    assert 'href="/console/knowledge/?q=%E4%B8%BB%E8%BD%B4%20%E5%BC%82%E5%93%8D"' in html
    assert "zh-hans" in html and ">4</td>" in html
    assert f'action="{_close_url(SearchMiss.objects.get(query="pump leak"))}"' in html


def test_a_long_list_is_cut_and_says_so(world, login):
    for n in range(51):
        _gap(f"query {n:02d}", 1)
    html = text_of(login(world.agent).get(PAGE))
    assert len(_listed(html)) == 50 and "Only the 50 most searched are shown." in html


def test_answered_by_an_article(world, category, login):
    article = published(world, category)
    gap = _gap("spindle belt", 3)
    client = login(world.agent)
    response = client.post(_close_url(gap), {"outcome": "answered", "article": str(article.pk)})
    assert response.status_code == 302 and response["Location"] == PAGE
    gap.refresh_from_db()
    assert (gap.status, gap.article, gap.closed_by) == (GapStatus.ANSWERED, article, world.agent)
    html = text_of(client.get(PAGE))
    assert _listed(html) == [] and "is answered by article" in html


def test_dismissed_over_htmx_gives_back_the_section(world, login):
    gap, other = _gap("lunch menu", 2), _gap("pump leak")
    response = login(world.engineer).post(
        _close_url(gap), {"outcome": "dismissed"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="kb-gaps"
    )
    html = text_of(response)
    assert response.status_code == 200 and html.startswith('<section id="kb-gaps"')
    assert _listed(html) == ["pump leak"] and "is dismissed" in html
    assert SearchMiss.objects.get(pk=gap.pk).status == GapStatus.DISMISSED
    assert SearchMiss.objects.get(pk=other.pk).status == GapStatus.OPEN


def test_a_closed_gap_searched_again_comes_back(world, login):
    gap = _gap("lunch menu", 2)
    login(world.engineer).post(_close_url(gap), {"outcome": "dismissed"})
    record_miss("lunch menu", "en")
    html = text_of(login(world.engineer).get(PAGE))
    assert _listed(html) == ["lunch menu"] and "Searched again after it was dismissed." in html
    assert SearchMiss.objects.get().count == 3


def test_an_answer_that_did_not_serve_is_named(world, category, login):
    article = published(world, category, title="Belt guide")
    gap = _gap("spindle belt")
    login(world.engineer).post(_close_url(gap), {"outcome": "answered", "article": f"#{article.pk}"})
    record_miss("spindle belt", "en")
    html = text_of(login(world.engineer).get(PAGE))
    assert _listed(html) == ["spindle belt"] and "Searched again after “Belt guide” answered it." in html


@pytest.mark.parametrize("article", ["999999", "", "the belt one"])
def test_a_wrong_article_is_a_form_error_on_its_row(world, login, article):
    gap = _gap("pump leak")
    response = login(world.agent).post(_close_url(gap), {"outcome": "answered", "article": article})
    html = text_of(response)
    assert response.status_code == 422 and 'class="invalid-feedback d-block"' in html
    assert "No article 999999" in html if article == "999999" else "number of the article" in html
    assert _listed(html) == ["pump leak"] and SearchMiss.objects.get().status == GapStatus.OPEN


def test_a_wrong_article_over_htmx_is_a_200_section_naming_it(world, login):
    gap = _gap("pump leak")
    response = login(world.agent).post(
        _close_url(gap), {"outcome": "answered", "article": "0"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "No article 0" in text_of(response)


def test_a_missing_outcome_or_a_closed_gap(world, login):
    gap = _gap("pump leak")
    client = login(world.agent)
    assert client.post(_close_url(gap), {"outcome": "deleted"}).status_code == 422
    client.post(_close_url(gap), {"outcome": "dismissed"})
    again = client.post(_close_url(gap), {"outcome": "dismissed"})
    assert again.status_code == 409 and "already closed" in text_of(again)
    assert client.post("/console/knowledge/gaps/424242/close/", {"outcome": "dismissed"}).status_code == 404


@pytest.mark.parametrize("who", ["quality", "partner_a_tech", "customer"])
def test_others_neither_see_nor_close_gaps(world, login, who):
    gap = _gap("pump leak")
    client = login(getattr(world, who))
    page = client.get(PAGE)
    assert "pump leak" not in text_of(page) and 'id="kb-gaps"' not in text_of(page)
    assert client.post(_close_url(gap), {"outcome": "dismissed"}).status_code == 403
    assert SearchMiss.objects.get().status == GapStatus.OPEN


def test_closing_is_a_post_with_a_csrf_token(world):
    gap = _gap("pump leak")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.agent)
    assert client.get(_close_url(gap)).status_code == 405
    assert client.post(_close_url(gap), {"outcome": "dismissed"}).status_code == 403
    assert SearchMiss.objects.get().status == GapStatus.OPEN


def test_visitors_are_sent_to_sign_in(client, world):
    assert client.post(_close_url(_gap("pump leak")), {"outcome": "dismissed"}).status_code == 302


def test_the_page_queries_do_not_grow_with_the_gaps(world, category, login, count_queries):
    client = login(world.engineer)
    article = published(world, category)
    for n in range(3):
        _gap(f"few {n}")
    few = count_queries(lambda: client.get(PAGE))
    for n in range(30):
        gap = _gap(f"many {n}")
        if n % 2:  # reopened ones name the article and person of their last closing
            SearchMiss.objects.filter(pk=gap.pk).update(closed_at=gap.last_seen, article=article,
                                                        closed_by=world.agent)  # fmt: skip
    many = count_queries(lambda: client.get(PAGE))
    assert many == few
