"""Draft -> in review -> published -> due for review -> published again or archived; who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from serviceloop.conftest import make_user
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.core.roles import Role
from serviceloop.knowledge import events
from serviceloop.knowledge.models import Article, ArticleEvent, ArticleStatus
from serviceloop.knowledge.services import can, move, sweep_due_reviews

from .conftest import publish, published, write

S = ArticleStatus


def test_an_article_goes_from_draft_through_review_to_readers(world, category):
    article = write(category, world.agent)
    assert article.status == S.DRAFT and article.published_at is None
    move(world.agent, article, "submit")
    assert Article.objects.get(pk=article.pk).status == S.IN_REVIEW
    move(world.engineer, article, "publish")  # the category's owner
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.published_at is not None
    assert article.review_due_on == timezone.localdate() + timedelta(days=180)
    names = list(ArticleEvent.objects.filter(article=article).values_list("name", "old_status", "new_status"))
    assert names == [
        (events.ARTICLE_CREATED, "", S.DRAFT),
        (events.ARTICLE_SUBMITTED, S.DRAFT, S.IN_REVIEW),
        (events.ARTICLE_PUBLISHED, S.IN_REVIEW, S.PUBLISHED),
    ]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "publish"),
        (S.DRAFT, "reconfirm"),
        (S.DRAFT, "archive"),
        (S.IN_REVIEW, "submit"),
        (S.IN_REVIEW, "archive"),
        (S.PUBLISHED, "reconfirm"),
        (S.PUBLISHED, "submit"),
        (S.PUBLISHED, "reject"),
        (S.ARCHIVED, "publish"),
        (S.ARCHIVED, "reconfirm"),
        (S.DUE_FOR_REVIEW, "publish"),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(world, category, status, action):
    article = write(category, world.agent)
    Article.objects.filter(pk=article.pk).update(status=status)
    article.refresh_from_db()
    with pytest.raises(Conflict):
        move(world.manager, article, action, comment="why")
    assert Article.objects.get(pk=article.pk).status == status
    assert not can(world.manager, article, action)


def test_an_unknown_action_is_a_clear_input_error(world, category):
    article = write(category, world.agent)
    with pytest.raises(InvalidInput) as error:
        move(world.agent, article, "teleport")
    assert error.value.field == "action"


def test_only_the_category_owner_or_a_manager_decides(world, category):
    article = write(category, world.agent)
    move(world.agent, article, "submit")
    other_engineer = make_user(Role.ENGINEER)
    for outsider in (world.agent, other_engineer, world.quality, world.partner_a_tech, world.customer):
        with pytest.raises(Forbidden):
            move(outsider, article, "publish")
    assert not can(other_engineer, article, "publish") and can(world.engineer, article, "publish")
    assert can(world.supervisor, article, "publish") and can(world.admin, article, "publish")
    move(world.manager, article, "publish")
    assert article.status == S.PUBLISHED


def test_a_rejected_review_goes_back_to_draft_and_must_say_why(world, category):
    article = write(category, world.agent)
    move(world.agent, article, "submit")
    with pytest.raises(InvalidInput) as error:
        move(world.engineer, article, "reject")
    assert error.value.field == "comment"
    move(world.engineer, article, "reject", comment="Add the torque values.")
    assert Article.objects.get(pk=article.pk).status == S.DRAFT
    step = ArticleEvent.objects.filter(article=article).last()
    assert step is not None and step.name == events.ARTICLE_REJECTED
    assert step.data["comment"] == "Add the torque values."


def test_a_known_problem_needs_symptom_and_fix_before_review(world, category):
    article = write(category, world.agent, kind="known_problem", symptom="Spindle stops")
    with pytest.raises(InvalidInput) as error:
        move(world.agent, article, "submit")
    assert error.value.field == "fix_steps"
    empty = write(category, world.agent, title="Empty how-to", body="")
    with pytest.raises(InvalidInput) as error:
        move(world.agent, empty, "submit")
    assert error.value.field == "body"


def test_customers_and_quality_inspectors_cannot_submit(world, category):
    article = write(category, world.agent)
    for outsider in (world.customer, world.quality):
        with pytest.raises(Forbidden):
            move(outsider, article, "submit")


def test_the_sweep_flags_articles_past_their_review_date_once(world, category):
    due = published(world, category)
    fresh = published(world, category, title="Fresh article", language="de")
    today = timezone.localdate()
    Article.objects.filter(pk=due.pk).update(review_due_on=today - timedelta(days=1))
    assert sweep_due_reviews(today) == 1
    assert Article.objects.get(pk=due.pk).status == S.DUE_FOR_REVIEW
    assert Article.objects.get(pk=fresh.pk).status == S.PUBLISHED
    assert sweep_due_reviews(today) == 0
    flagged = ArticleEvent.objects.get(article=due, name=events.ARTICLE_DUE_FOR_REVIEW)
    assert flagged.actor is None and flagged.old_status == S.PUBLISHED
    # On the review date itself the article is due.
    Article.objects.filter(pk=fresh.pk).update(review_due_on=today)
    assert sweep_due_reviews(today) == 1


def test_a_due_article_is_reconfirmed_with_a_new_date_or_archived(world, category):
    article = published(world, category)
    other = published(world, category, title="Old manual", language="de")
    first_published = article.published_at
    Article.objects.filter(pk__in=[article.pk, other.pk]).update(review_due_on=timezone.localdate())
    sweep_due_reviews()
    article.refresh_from_db()
    with pytest.raises(Forbidden):
        move(world.agent, article, "reconfirm")
    move(world.engineer, article, "reconfirm")
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.published_at == first_published
    assert article.review_due_on == timezone.localdate() + timedelta(days=180)
    other.refresh_from_db()
    move(world.manager, other, "archive")
    assert Article.objects.get(pk=other.pk).status == S.ARCHIVED


def test_two_reviewers_deciding_at_once_cannot_both_win(world, category):
    article = write(category, world.agent)
    move(world.agent, article, "submit")
    stale = Article.objects.get(pk=article.pk)
    move(world.engineer, article, "publish")
    with pytest.raises(Conflict):
        move(world.manager, stale, "reject", comment="too late")
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED


def test_a_partner_submits_its_own_documents_only(world, category):
    own = write(category, world.partner_a_tech, visibility="partner")
    assert own.supplier_id == world.partner_a.pk
    move(world.partner_a_tech, own, "submit")
    other = write(category, world.agent, visibility="partner", supplier_id=world.partner_b.pk, title="B")
    with pytest.raises(Forbidden):
        move(world.partner_a_tech, other, "submit")
    publish(other, world.agent, world.manager)
    assert other.status == S.PUBLISHED


def test_the_sweep_reminds_the_category_owner_once_for_all_their_due_articles(world, category):
    from serviceloop.notifications.models import Notification

    first = published(world, category, title="Belt tension")
    second = published(world, category, title="Chuck pressure", language="de")
    today = timezone.localdate()
    Article.objects.filter(pk__in=[first.pk, second.pk]).update(review_due_on=today)
    sweep_due_reviews(today)
    [reminder] = Notification.objects.filter(kind="knowledge.review_due")
    assert reminder.recipient == category.owner
    assert reminder.title == "2 knowledge articles are due for review"
    assert "- Belt tension" in reminder.body and "- Chuck pressure" in reminder.body
    sweep_due_reviews(today)
    assert Notification.objects.filter(kind="knowledge.review_due").count() == 1  # flagged once, told once
