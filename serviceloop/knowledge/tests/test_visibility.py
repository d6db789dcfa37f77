"""Who reads which article: anonymous visitors, customers, partners, our staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from serviceloop.core.errors import NotFound
from serviceloop.knowledge.services import get_visible_article, language_versions, visible_articles

from .conftest import published, write


@pytest.fixture
def shelf(world, category):
    return {
        "public": published(world, category, title="Public", visibility="public"),
        "customers": published(world, category, title="Customers", visibility="customers", language="de"),
        "internal": published(world, category, title="Internal", visibility="internal", language="fr"),
        "partner_a": published(
            world,
            category,
            title="Hydra doc",
            visibility="partner",
            supplier_id=world.partner_a.pk,
            language="es",
        ),
        "partner_b": published(
            world,
            category,
            title="Spark doc",
            visibility="partner",
            supplier_id=world.partner_b.pk,
            language="it",
        ),
        "draft": write(category, world.agent, title="Public draft", language="nl"),
        "partner_a_draft": write(
            category, world.partner_a_tech, title="Hydra draft", visibility="partner", language="pt"
        ),
    }


def _titles(user) -> set[str]:
    return set(visible_articles(user).values_list("title", flat=True))


def test_each_role_reads_what_it_may(world, shelf):
    assert _titles(AnonymousUser()) == {"Public"}
    assert _titles(None) == {"Public"}
    assert _titles(world.customer) == {"Public", "Customers"}
    assert _titles(world.partner_a_tech) == {"Public", "Customers", "Hydra doc", "Hydra draft"}
    assert _titles(world.partner_b_tech) == {"Public", "Customers", "Spark doc"}
    everything = {a.title for a in shelf.values()}
    assert _titles(world.agent) == everything and _titles(world.quality) == everything


def test_an_inactive_account_reads_what_a_visitor_reads(world, shelf):
    world.customer.is_active = False
    world.agent.is_active = False
    assert _titles(world.customer) == {"Public"} and _titles(world.agent) == {"Public"}


def test_an_archived_article_is_gone_for_readers_but_kept_for_staff(world, shelf):
    from serviceloop.knowledge.services import move

    move(world.manager, shelf["public"], "archive")
    assert "Public" not in _titles(AnonymousUser()) and "Public" in _titles(world.agent)


def test_an_article_not_visible_is_not_found(world, shelf):
    assert get_visible_article(world.customer, shelf["customers"].pk).title == "Customers"
    for ref in (shelf["internal"].pk, "abc", 2**70, -1):
        with pytest.raises(NotFound):
            get_visible_article(world.customer, ref)


def test_language_versions_follow_visibility(world, category, shelf):
    from serviceloop.knowledge.services import ArticleContent, create_article

    english = shelf["public"]
    chinese = create_article(
        world.agent,
        ArticleContent.of(title="中文版", body="内容", category_id=category.pk, language="zh-hans"),
        translation_of=english,
    )
    assert list(language_versions(world.agent, english)) == [chinese]
    assert list(language_versions(AnonymousUser(), english)) == []  # still a draft
