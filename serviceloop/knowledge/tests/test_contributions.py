"""Contribution statistics: what counts for whom in which quarter, the points, and recording a use."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from serviceloop.core.errors import Forbidden, InvalidInput, NotFound
from serviceloop.knowledge.models import ArticleEvent, ArticleFeedback, ArticleUse
from serviceloop.knowledge.services import ArticleContent, edit_article, move
from serviceloop.knowledge.services.contributions import Quarter, contributions, ranking, record_use
from serviceloop.knowledge.services.feedback import give_feedback

from .conftest import published, write


@pytest.fixture
def busy_quarter(world, category):
    """The agent writes and edits an article the manager publishes; the engineer's is sent back;
    readers vote and the engineer uses the agent's article on a ticket."""
    article = write(category, world.agent, title="Belt", body="Loosen it.")
    edit_article(world.agent, article, ArticleContent.of(body="Loosen the tensioner."))
    move(world.agent, article, "submit")
    move(world.manager, article, "publish")
    other = write(category, world.engineer, title="Bearing", body="Replace it.")
    move(world.engineer, other, "submit")
    move(world.manager, other, "reject", "Name the bearing.")
    give_feedback(world.customer, article, True)
    give_feedback(world.other_customer, article, True)
    give_feedback(world.agent, article, True)  # the writer's own vote does not count
    give_feedback(world.partner_b_tech, article, False)  # nor does an unhelpful one
    ticket = world.ticket()
    record_use(world.engineer, article, ticket)
    record_use(world.engineer, article, ticket)  # once per ticket
    return article


def _by_user(quarter: Quarter) -> dict:
    return {row.user: row for row in contributions(quarter)}


def test_each_contribution_counts_for_its_person(world, busy_quarter):
    rows = _by_user(Quarter.current())
    agent, engineer, manager = rows[world.agent], rows[world.engineer], rows[world.manager]
    assert (agent.articles, agent.edits, agent.reviews, agent.uses, agent.helpful_votes) == (1, 1, 0, 1, 2)
    assert (engineer.articles, engineer.uses, manager.reviews) == (1, 0, 2)
    assert (agent.points, engineer.points, manager.points) == (5 + 1 + 3 + 2, 5, 4)
    assert set(rows) == {world.agent, world.engineer, world.manager}


def test_the_ranking_puts_most_points_first(world, busy_quarter):
    top = ranking(world.manager, Quarter.current())
    assert [row.user for row in top] == [world.agent, world.engineer, world.manager]
    assert [row.user for row in ranking(world.admin, Quarter.current(), limit=1)] == [world.agent]


def test_only_what_happened_in_the_quarter_counts(world, busy_quarter):
    last = Quarter.current().previous
    moved = datetime(last.year, 3 * last.number - 1, 15, tzinfo=UTC)
    ArticleEvent.objects.filter(actor=world.manager).update(at=moved)
    ArticleUse.objects.update(at=moved)
    ArticleFeedback.objects.filter(user=world.customer).update(created_at=moved)
    now = _by_user(Quarter.current())
    assert world.manager not in now and (now[world.agent].uses, now[world.agent].helpful_votes) == (0, 1)
    before = _by_user(last)
    assert (before[world.manager].reviews, before[world.agent].uses, before[world.agent].helpful_votes) == (
        2, 1, 1,
    )  # fmt: skip
    assert contributions(last.previous) == []


@pytest.mark.parametrize("who", ["agent", "engineer", "quality", "partner_a_tech", "customer"])
def test_the_ranking_is_for_managers_only(world, who):
    with pytest.raises(Forbidden):
        ranking(getattr(world, who), Quarter.current())


@pytest.mark.parametrize(("text", "quarter"), [("2026Q4", Quarter(2026, 4)), (" 2025-q1 ", Quarter(2025, 1))])
def test_quarters_are_read_like_2026Q4(text, quarter):
    assert Quarter.parse(text) == quarter and str(quarter) == text.strip().upper().replace("-", "")


@pytest.mark.parametrize("text", ["2026Q5", "2026", "Q4", "", None, "99999Q1", "２０２６Q1"])
def test_anything_else_is_refused(text):
    with pytest.raises(InvalidInput, match="not a quarter"):
        Quarter.parse(text)


def test_quarters_run_from_the_first_day_to_the_next_quarters_first_day():
    q4 = Quarter(2026, 4)
    assert (q4.start, q4.end) == (datetime(2026, 10, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert (q4.previous, q4.next, Quarter(2026, 1).previous) == (Quarter(2026, 3), Quarter(2027, 1),
                                                                 Quarter(2025, 4))  # fmt: skip


def test_a_use_is_recorded_once_per_ticket(world, category):
    article = published(world, category)
    ticket = world.ticket()
    first = record_use(world.agent, article, ticket)
    assert record_use(world.engineer, article, ticket) == first and first.user == world.agent
    assert ArticleUse.objects.count() == 1


def test_who_may_record_a_use(world, category):
    internal = published(world, category, visibility="internal")
    public = published(world, category, title="Public belt", language="de")
    ticket = world.ticket(machine_id=world.machine_b.pk)  # a Spark Controls machine
    with pytest.raises(Forbidden):
        record_use(world.customer, public, ticket)
    with pytest.raises(NotFound, match="No ticket"):
        record_use(world.partner_a_tech, public, ticket)
    with pytest.raises(NotFound, match="No article"):
        record_use(world.partner_b_tech, internal, ticket)
    assert record_use(world.partner_b_tech, public, ticket).user == world.partner_b_tech
