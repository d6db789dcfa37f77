"""“Turn into article” in the console: the button, the draft it opens, and every refusal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.knowledge.models import Article, KnowledgeCategory
from serviceloop.knowledge.tests.resolved_tickets import solved
from serviceloop.tickets.services import transition

from .conftest import text_of


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def _url(ticket) -> str:
    return f"/console/tickets/{ticket.number}/to-article/"


def test_the_draft_opens_in_the_editor(world, category, login):
    ticket = solved(world)
    response = login(world.engineer).post(_url(ticket), follow=True)
    article = Article.objects.get(source_ticket=ticket)
    assert response.redirect_chain[-1] == (f"/console/knowledge/{article.pk}/edit/", 302)
    html = text_of(response)
    assert "The draft article is ready" in html and "[serial number]" in html and "CL200-0001" not in html
    page = text_of(login(world.engineer).get(f"/console/knowledge/{article.pk}/"))
    assert "drafted from a resolved ticket" in page


def test_a_second_time_shows_the_article_it_became(world, category, login):
    ticket = solved(world)
    client = login(world.agent)
    client.post(_url(ticket))
    article = Article.objects.get(source_ticket=ticket)
    response = client.post(_url(ticket), follow=True)
    assert response.redirect_chain[-1] == (f"/console/knowledge/{article.pk}/", 302)
    assert "already turned into the article" in text_of(response) and Article.objects.count() == 1


def test_an_open_ticket_is_refused_with_the_reason(world, category, login):
    ticket = solved(world, resolve=False)
    response = login(world.agent).post(_url(ticket), follow=True)
    assert response.redirect_chain[-1] == (f"/console/tickets/{ticket.number}/", 302)
    assert "Only a resolved or closed ticket" in text_of(response) and not Article.objects.exists()


def test_without_a_category_of_the_line_the_writer_chooses_one(world, login):
    grinders = KnowledgeCategory.objects.create(name="Grinders", owner=world.engineer)
    ticket = solved(world)
    client = login(world.agent)
    asked = client.post(_url(ticket))
    assert asked.status_code == 422 and "choose a category" in text_of(asked)
    assert f'<option value="{grinders.pk}"' in text_of(asked)
    bad = client.post(_url(ticket), {"category": "999999"})
    assert bad.status_code == 422 and not Article.objects.exists()
    chosen = client.post(_url(ticket), {"category": grinders.pk})
    assert chosen.status_code == 302 and Article.objects.get().category == grinders


def test_who_may(world, category, login):
    ticket = solved(world)
    assert login(world.quality).post(_url(ticket)).status_code == 403
    assert login(world.partner_b_tech).post(_url(ticket)).status_code == 404
    assert login(world.customer).post(_url(ticket)).status_code == 403
    assert login(world.agent).get(_url(ticket)).status_code == 405
    assert not Article.objects.exists()


def _button(user, ticket) -> str:
    """The ticket page as `user` sees it."""
    client = Client()
    client.force_login(user)
    return client.get(reverse("console:ticket", args=[ticket.number])).content.decode()


def test_the_button_shows_on_resolved_and_closed_tickets_for_writers(world, category):
    ticket = solved(world, resolve=False)
    assert "Turn into article" not in _button(world.agent, ticket)
    transition(world.agent, ticket, "start_work")
    transition(world.agent, ticket, "resolve")
    ticket.refresh_from_db()
    html = _button(world.agent, ticket)
    assert (
        "Turn into article" in html and f'action="{_url(ticket)}"' in html and "csrfmiddlewaretoken" in html
    )
    assert "Turn into article" not in _button(world.quality, ticket)
    transition(world.agent, ticket, "close")
    ticket.refresh_from_db()
    assert "Turn into article" in _button(world.engineer, ticket)
