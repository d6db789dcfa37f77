"""Content gaps as the writers' to-do list: the open ones listed, closing them both ways, reopening."""

from __future__ import annotations

import pytest

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from serviceloop.knowledge.models import GapStatus, SearchMiss
from serviceloop.knowledge.services.gaps import (
    answer_gap,
    dismiss_gap,
    may_close_gaps,
    open_gaps,
    record_miss,
)

from .conftest import published


def _searched(query: str, times: int, language: str = "en") -> SearchMiss:
    for _ in range(times):
        gap = record_miss(query, language)
    assert gap is not None
    return gap


def test_open_gaps_come_most_searched_first_and_are_cut(world):
    _searched("pump leak", 3)
    _searched("chuck pressure", 5, "zh-hans")
    _searched("coolant smell", 1)
    shown = open_gaps(world.engineer, limit=2)
    assert [(gap.query, gap.language, gap.count) for gap in shown.gaps] == [
        ("chuck pressure", "zh-hans", 5),
        ("pump leak", "en", 3),
    ]
    assert shown.cut and not open_gaps(world.engineer, limit=3).cut


def test_answered_by_an_article_records_which_and_who(world, category):
    article = published(world, category)
    gap = _searched("spindle belt", 2)
    closed = answer_gap(world.agent, gap.pk, f"#{article.pk}")
    gap.refresh_from_db()
    assert (gap.status, gap.article, gap.closed_by) == (GapStatus.ANSWERED, article, world.agent)
    assert gap.closed_at is not None and closed == gap
    assert open_gaps(world.agent).gaps == []


def test_dismissed_leaves_the_list(world):
    gap = _searched("lunch menu", 1)
    dismiss_gap(world.engineer, gap.pk)
    gap.refresh_from_db()
    assert (gap.status, gap.closed_by, gap.article) == (GapStatus.DISMISSED, world.engineer, None)
    assert open_gaps(world.engineer).gaps == []


def test_searched_again_in_vain_it_reopens_and_counts_on(world, category):
    article = published(world, category)
    answered, dismissed = _searched("spindle belt", 2), _searched("lunch menu", 1)
    answer_gap(world.agent, answered.pk, str(article.pk))
    dismiss_gap(world.agent, dismissed.pk)
    record_miss("Spindle  BELT", "en")
    gap = open_gaps(world.agent).gaps[0]
    # Back on the list with its count going on, and the answer that did not serve named.
    assert (gap.query, gap.count, gap.status, gap.article) == ("spindle belt", 3, GapStatus.OPEN, article)
    assert [g.query for g in open_gaps(world.agent).gaps] == ["spindle belt"]


@pytest.mark.parametrize("reference", ["", "belt", "12a", "-3"])
def test_an_answer_needs_an_article_number(world, reference):
    gap = _searched("pump leak", 1)
    with pytest.raises(InvalidInput, match="number of the article") as caught:
        answer_gap(world.agent, gap.pk, reference)
    assert caught.value.field == "article"
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN


def test_an_unknown_article_is_refused(world):
    gap = _searched("pump leak", 1)
    with pytest.raises(InvalidInput, match="No article 999999"):
        answer_gap(world.agent, gap.pk, "999999")
    assert SearchMiss.objects.get().status == GapStatus.OPEN


def test_unknown_or_closed_gaps(world):
    with pytest.raises(NotFound):
        dismiss_gap(world.agent, 424242)
    gap = _searched("pump leak", 1)
    dismiss_gap(world.agent, gap.pk)
    with pytest.raises(Conflict):
        dismiss_gap(world.engineer, gap.pk)


@pytest.mark.parametrize("who", ["quality", "partner_a_tech", "customer"])
def test_only_staff_who_write_close_or_see_gaps(world, category, who):
    person = getattr(world, who)
    gap = _searched("pump leak", 1)
    assert not may_close_gaps(person) and open_gaps(person).gaps == []
    with pytest.raises(Forbidden):
        dismiss_gap(person, gap.pk)
    with pytest.raises(Forbidden):
        answer_gap(person, gap.pk, str(published(world, category).pk))
    assert SearchMiss.objects.get().status == GapStatus.OPEN


@pytest.mark.parametrize("who", ["agent", "engineer", "supervisor", "manager", "admin"])
def test_staff_writers_may(world, who):
    assert may_close_gaps(getattr(world, who))
