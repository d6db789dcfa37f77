"""The ticket page's suggestions panel: loaded after the page, articles to insert, similar tickets."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from serviceloop.console.views import knowledge_suggestions as view
from serviceloop.core.errors import Forbidden
from serviceloop.knowledge.models import Article, ArticleUse, KnowledgeCategory
from serviceloop.knowledge.services import ArticleContent, create_article, move
from serviceloop.tickets.models import Ticket

from .conftest import text_of


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def published(world, category: KnowledgeCategory, **fields: Any) -> Article:
    values: dict[str, Any] = {"category_id": category.pk, "kind": "how_to", "visibility": "public",
                              "language": "en", "body": "Open the rear cover."}  # fmt: skip
    values.update(fields)
    article = create_article(world.agent, ArticleContent.of(**values))
    move(world.agent, article, "submit")
    return move(world.manager, article, "publish")


@pytest.fixture
def articles(world, category, django_capture_on_commit_callbacks) -> dict[str, Article]:
    with django_capture_on_commit_callbacks(execute=True):
        return {
            "public": published(world, category, kind="known_problem", title="Spindle grinding noise <fix>",
                                symptom="The spindle grinds at high speed.",
                                fix_steps='1. Stop the spindle.\n2. Replace the bearing "A&B".'),
            "internal": published(world, category, title="Spindle grinding noise: internal notes",
                                  visibility="internal",
                                  body="Grinding spindle noise: measure with probe 7."),
        }  # fmt: skip


def _suggestions_url(ticket: Ticket) -> str:
    return f"/console/tickets/{ticket.number}/suggestions/"


def _used_url(ticket: Ticket) -> str:
    return f"/console/tickets/{ticket.number}/suggestions/used/"


def _insert_texts(page: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r'data-insert-text="([^"]*)"', page)]


def test_the_ticket_page_loads_the_panel_lazily(world, login):
    ticket = world.ticket()
    page = text_of(login(world.agent).get(f"/console/tickets/{ticket.number}/"))
    assert f'hx-get="{_suggestions_url(ticket)}"' in page
    assert 'hx-trigger="load"' in page
    assert "console/suggestions.js" in page


def test_the_panel_lists_articles_with_insert_actions(world, login, articles):
    ticket = world.ticket()
    response = login(world.agent).get(_suggestions_url(ticket))
    assert response.status_code == 200
    page = text_of(response)
    texts = _insert_texts(page)
    public, internal = articles["public"], articles["internal"]
    # A public article is linked in the help centre, an internal one in the console only.
    public_link = f"{settings.SITE_URL.rstrip('/')}/help/articles/{public.pk}-spindle-grinding-noise-fix/"
    assert f"{public.title}: {public_link}" in texts
    assert any(t.endswith(f"/console/knowledge/{internal.pk}/") for t in texts)
    assert '1. Stop the spindle.\n2. Replace the bearing "A&B".' in texts
    # Titles and steps are escaped in the attributes, so they can never become markup.
    assert "Spindle grinding noise &lt;fix&gt;" in page and "<fix>" not in page
    assert "&quot;A&amp;B&quot;" in page
    assert "Insert link" in page and "Insert steps" in page
    assert "Known problem" in page


def test_the_panel_lists_similar_solved_tickets(world, login):
    solved = world.ticket(subject="Spindle grinding at 4000 rpm")
    Ticket.objects.filter(pk=solved.pk).update(status="resolved", resolved_at=timezone.now())
    still_open = world.ticket(subject="Spindle grinding noise again")
    ticket = world.ticket()
    page = text_of(login(world.agent).get(_suggestions_url(ticket)))
    similar = page.split('id="similar-tickets"')[1]
    assert solved.number in similar and still_open.number not in similar and ticket.number not in similar
    assert "<time" in similar


def test_an_empty_panel_says_so_and_a_final_ticket_offers_no_insert(world, login, articles):
    ticket = world.ticket(subject="Coolant pump silent", body="No coolant flows.")
    page = text_of(login(world.agent).get(_suggestions_url(ticket)))
    assert "No similar ticket has been solved yet." in page
    spindle = world.ticket()
    Ticket.objects.filter(pk=spindle.pk).update(status="closed", closed_at=timezone.now())
    page = text_of(login(world.agent).get(_suggestions_url(spindle)))
    assert articles["public"].title.replace("<", "&lt;").replace(">", "&gt;") in page
    assert "data-insert-text" not in page


def test_a_partner_is_not_shown_internal_articles_nor_other_tickets(world, login, articles):
    mine = world.ticket(machine_id=world.machine_a.pk)
    theirs = world.ticket(machine_id=world.machine_b.pk)
    client = login(world.partner_a_tech)
    page = text_of(client.get(_suggestions_url(mine)))
    assert f'data-article="{articles["public"].pk}"' in page
    assert f'data-article="{articles["internal"].pk}"' not in page
    assert client.get(_suggestions_url(theirs)).status_code == 404


def test_customers_have_no_panel(world, login):
    ticket = world.ticket()
    assert login(world.customer).get(_suggestions_url(ticket)).status_code == 403
    assert login(world.customer).post(_used_url(ticket), {"article": "1"}).status_code == 403


def test_an_inserted_article_is_reported_as_used_once_per_ticket(world, login, articles):
    ticket = world.ticket()
    agent = login(world.agent)
    for _ in range(2):  # inserted twice (link, then steps): one use
        assert agent.post(_used_url(ticket), {"article": articles["public"].pk}).status_code == 204
    uses = ArticleUse.objects.filter(ticket=ticket)
    assert [(u.article, u.user) for u in uses] == [(articles["public"], world.agent)]


def test_the_use_service_refusing_is_answered_with_its_status(world, login, articles, monkeypatch):
    def refuse(actor, article, ticket):
        raise Forbidden("Only our staff and partners' technicians use articles on tickets.")

    monkeypatch.setattr(view, "record_use", refuse)
    response = login(world.agent).post(_used_url(world.ticket()), {"article": articles["public"].pk})
    assert response.status_code == 403 and b"Only our staff" in response.content


def test_reporting_use_checks_the_article_and_the_method(world, login, articles):
    ticket = world.ticket()
    agent = login(world.agent)
    partner = login(world.partner_a_tech)
    assert agent.post(_used_url(ticket), {"article": "not a number"}).status_code == 404
    assert agent.post(_used_url(ticket), {}).status_code == 404
    assert agent.get(_used_url(ticket)).status_code == 405
    assert partner.post(_used_url(ticket), {"article": articles["internal"].pk}).status_code == 404
    assert agent.post("/console/tickets/SL-2026-999999/suggestions/used/", {"article": 1}).status_code == 404
    assert not ArticleUse.objects.exists()
