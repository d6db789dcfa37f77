"""Readers' feedback, problems solved without a ticket, and content gaps: the services' rules."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from serviceloop.core.errors import InvalidInput
from serviceloop.knowledge.models import ArticleFeedback, Deflection, SearchMiss
from serviceloop.knowledge.services import SearchFilters
from serviceloop.knowledge.services.feedback import counts, give_feedback, own_vote, record_deflection
from serviceloop.knowledge.services.gaps import content_gaps, normalise, reader_search, record_miss

from .conftest import published


def test_one_vote_per_signed_in_reader_changing_it_replaces_it(world, category):
    article = published(world, category)
    give_feedback(world.customer, article, True)
    give_feedback(world.customer, article, False, "  Missing a photo  ")
    give_feedback(world.agent, article, True)
    assert ArticleFeedback.objects.count() == 2
    vote = own_vote(world.customer, article)
    assert vote is not None and vote.comment == "Missing a photo"
    assert counts(article).helpful == 1 and counts(article).not_helpful == 1


def test_anonymous_votes_count_once_per_session_and_need_one(world, category):
    article = published(world, category)
    give_feedback(AnonymousUser(), article, True, session_key="session-a")
    give_feedback(None, article, False, session_key="session-a")
    give_feedback(None, article, False, session_key="session-b")
    assert counts(article).helpful == 0 and counts(article).not_helpful == 2
    with pytest.raises(InvalidInput):
        give_feedback(None, article, True)


def test_feedback_input_is_checked(world, category):
    article = published(world, category)
    with pytest.raises(InvalidInput) as raised:
        give_feedback(world.customer, article, "yes")
    assert raised.value.field == "helpful"
    with pytest.raises(InvalidInput) as raised:
        give_feedback(world.customer, article, True, "x" * 2001)
    assert raised.value.field == "comment"
    assert not ArticleFeedback.objects.exists()


def test_a_deflection_is_counted_once_per_reader(world, category):
    article = published(world, category)
    first, new = record_deflection(world.customer, article, "belt slips")
    again, new_again = record_deflection(world.customer, article, "other words")
    assert new and not new_again and first == again
    record_deflection(None, article, session_key="s1")
    assert Deflection.objects.count() == 2


def test_normalised_queries_share_one_gap(db):
    assert normalise("  ＨＸ-2000   Alarm ") == "hx-2000 alarm"
    assert normalise(None) == "" and record_miss("   ", "en") is None
    record_miss("Pump LEAK", "en")
    record_miss("pump   leak", "en")
    record_miss("pump leak", "zh-hans")
    assert [(g.query, g.language, g.count) for g in content_gaps()] == [
        ("pump leak", "en", 2),
        ("pump leak", "zh-hans", 1),
    ]


def test_reader_search_records_a_gap_only_when_nothing_is_found(world, category):
    published(world, category, title="Coolant pump leaks")
    assert reader_search(None, "coolant pump", "en")
    assert not SearchMiss.objects.exists()
    assert reader_search(None, "hydraulic valve", "en") == []
    # A later page, or a search narrowed by filters, is no content gap.
    reader_search(None, "servo drift", "en", offset=20)
    reader_search(None, "servo drift", "en", SearchFilters(kind="manual"))
    assert [(g.query, g.count) for g in SearchMiss.objects.all()] == [("hydraulic valve", 1)]


def test_an_article_hidden_from_the_reader_is_a_gap_for_them(world, category):
    published(world, category, title="Encoder calibration", visibility="internal")
    assert reader_search(world.customer, "encoder calibration", "de") == []
    assert SearchMiss.objects.get().language == "de"


def test_admin_lists_gaps_feedback_and_deflections(admin_client, world, category):
    article = published(world, category)
    record_miss("hydraulic valve", "en")
    give_feedback(world.customer, article, False, "Step 3 is wrong")
    record_deflection(world.customer, article, "belt")
    assert "hydraulic valve" in admin_client.get("/admin/knowledge/searchmiss/").content.decode()
    assert "Step 3 is wrong" in admin_client.get("/admin/knowledge/articlefeedback/").content.decode()
    assert admin_client.get("/admin/knowledge/deflection/").status_code == 200
    page = admin_client.get(f"/admin/knowledge/article/{article.pk}/change/").content.decode()
    assert "Step 3 is wrong" in page
