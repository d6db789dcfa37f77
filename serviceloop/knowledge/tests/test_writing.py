"""Writing articles: checked input, one version per edit, readable diffs, restoring a version."""

from __future__ import annotations

import pytest

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from serviceloop.knowledge import events
from serviceloop.knowledge.models import Article, ArticleEvent, ArticleStatus, ArticleVersion
from serviceloop.knowledge.services import (
    ArticleContent,
    compare,
    create_article,
    edit_article,
    restore_version,
)

from .conftest import published, write


def test_a_new_article_is_version_one_of_a_draft(world, category):
    article = write(
        category,
        world.engineer,
        tags="Spindle, belt ,spindle",
        product_model_ids=[world.model_a.pk],
        fault_type_id=world.fault.pk,
        module="Spindle",
        language="zh_CN",
    )
    assert article.status == ArticleStatus.DRAFT and article.version == 1 and article.author == world.engineer
    assert article.tags == ["spindle", "belt"] and article.language == "zh-hans"
    assert list(article.product_models.all()) == [world.model_a] and article.fault_type == world.fault
    version = ArticleVersion.objects.get(article=article)
    assert (version.number, version.title, version.body) == (1, article.title, article.body)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"kind": "rumour"}, "kind"),
        ({"visibility": "everyone"}, "visibility"),
        ({"language": "english!"}, "language"),
        ({"category_id": 999999}, "category_id"),
        ({"fault_type_id": "abc"}, "fault_type_id"),
        ({"product_model_ids": [999999]}, "product_model_ids"),
        ({"product_model_ids": "CL-200"}, "product_model_ids"),
        ({"tags": ["x" * 41]}, "tags"),
        ({"body": "a\x00b"}, "body"),
        ({"visibility": "partner"}, "supplier_id"),
        ({"kind": "internal_note", "visibility": "public"}, "visibility"),
    ],
)
def test_bad_input_is_refused_naming_the_field(world, category, fields, field):
    with pytest.raises(InvalidInput) as error:
        write(category, world.engineer, **fields)
    assert error.value.field == field
    assert not Article.objects.exists()


def test_title_and_category_are_required(world, category):
    with pytest.raises(InvalidInput) as error:
        create_article(world.engineer, ArticleContent.of(title="No shelf"))
    assert error.value.field == "category_id"


def test_who_may_write(world, category):
    for outsider in (world.customer, world.quality):
        with pytest.raises(Forbidden):
            write(category, outsider)
    with pytest.raises(InvalidInput) as error:  # a partner writes its own company's documents only
        write(category, world.partner_a_tech, visibility="partner", supplier_id=world.partner_b.pk)
    assert error.value.field == "supplier_id"
    with pytest.raises(InvalidInput):
        write(category, world.partner_a_tech, visibility="internal")
    assert write(category, world.partner_a_tech, visibility="customers").supplier_id == world.partner_a.pk


def test_every_edit_is_a_new_version_and_no_change_is_none(world, category):
    article = write(category, world.agent)
    article = edit_article(
        world.agent, article, ArticleContent.of(body="Loosen the tensioner first."), note="clearer"
    )
    article = edit_article(world.agent, article, ArticleContent.of(title="Changing the spindle belt"))
    assert article.version == 3
    assert list(article.versions.values_list("number", "note")) == [(1, ""), (2, "clearer"), (3, "")]
    same = edit_article(world.agent, article, ArticleContent.of(title="Changing the spindle belt"))
    assert same.version == 3 and ArticleVersion.objects.filter(article=article).count() == 3
    assert ArticleEvent.objects.filter(article=article, name=events.ARTICLE_EDITED).count() == 2


def test_a_stale_edit_is_refused(world, category):
    article = write(category, world.agent)
    stale = Article.objects.get(pk=article.pk)
    edit_article(world.agent, article, ArticleContent.of(body="One"))
    with pytest.raises(Conflict):
        edit_article(world.engineer, stale, ArticleContent.of(body="Two"))
    assert Article.objects.get(pk=article.pk).body == "One"


def test_live_articles_are_changed_by_reviewers_only_and_in_review_by_nobody(world, category):
    article = published(world, category)
    with pytest.raises(Forbidden):
        edit_article(world.agent, article, ArticleContent.of(body="Typo fixed"))
    fixed = edit_article(world.engineer, article, ArticleContent.of(body="Typo fixed"))
    assert fixed.status == ArticleStatus.PUBLISHED and fixed.version == 2
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.IN_REVIEW)
    with pytest.raises(Conflict):
        edit_article(world.manager, Article.objects.get(pk=article.pk), ArticleContent.of(body="x"))


def test_the_diff_between_two_versions_is_readable_and_escaped(world, category):
    article = write(category, world.agent, body="Step one\nStep two\n<script>alert(1)</script>")
    edit_article(world.agent, article, ArticleContent.of(body="Step one\nStep 2\n<script>alert(1)</script>"))
    unified, table = compare(article, 1, 2)
    assert "-Step two" in unified and "+Step 2" in unified and "--- Version 1" in unified
    assert "Step one" in unified  # context lines
    assert "<table" in table and "<script>" not in table and "&lt;script&gt;" in table
    with pytest.raises(NotFound):
        compare(article, 1, 7)


def test_restoring_an_old_version_makes_a_new_one(world, category):
    article = write(category, world.agent, body="The original text.")
    article = edit_article(world.agent, article, ArticleContent.of(body="A worse text.", title="Worse"))
    restored = restore_version(world.agent, article, 1)
    assert restored.version == 3 and restored.body == "The original text."
    assert restored.title == "Replacing the spindle belt"
    latest = ArticleVersion.objects.get(article=article, number=3)
    assert latest.note == "Restored version 1" and latest.body == "The original text."
    assert ArticleEvent.objects.filter(
        article=article, name=events.ARTICLE_RESTORED, data__restored=1
    ).exists()
    with pytest.raises(Conflict):
        restore_version(world.agent, restored, 3)


def test_language_versions_share_a_group_one_per_language(world, category):
    english = write(category, world.agent)
    chinese = create_article(
        world.agent,
        ArticleContent.of(
            title="更换主轴皮带", body="打开后盖。", category_id=category.pk, language="zh-hans"
        ),
        translation_of=english,
    )
    assert chinese.translation_group == english.translation_group
    with pytest.raises(Conflict):
        create_article(
            world.agent,
            ArticleContent.of(title="Another", category_id=category.pk, language="en"),
            translation_of=english,
        )
    assert Article.objects.count() == 2
