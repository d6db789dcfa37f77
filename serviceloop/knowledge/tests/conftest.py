"""Helpers for the knowledge base's tests: a category kept by an engineer, and articles in any state."""

from __future__ import annotations

from typing import Any

import pytest

from serviceloop.knowledge.models import Article, KnowledgeCategory
from serviceloop.knowledge.services import ArticleContent, create_article, move


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(
        name="CNC lathes", product_line=world.line, owner=world.engineer, review_every_days=180
    )


def write(category: KnowledgeCategory, actor: Any, **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": "Replacing the spindle belt",
        "body": "Open the rear cover and loosen the tensioner.",
        "category_id": category.pk,
        "kind": "how_to",
        "visibility": "public",
        "language": "en",
    }
    values.update(fields)
    return create_article(actor, ArticleContent.of(**values))


def publish(article: Article, writer: Any, reviewer: Any) -> Article:
    move(writer, article, "submit")
    return move(reviewer, article, "publish")


def published(world, category: KnowledgeCategory, **fields: Any) -> Article:
    return publish(write(category, world.agent, **fields), world.agent, world.manager)


def one_of_each_visibility(world, category: KnowledgeCategory) -> dict[str, Article]:
    """A published article for each visibility (in its own language, so none are versions of another)
    and a draft: who may read which is what the faces' tests check."""
    return {
        "public": published(world, category, title="Spindle belt public", visibility="public"),
        "customers": published(world, category, title="Spindle belt customers", visibility="customers",
                               language="de"),
        "internal": published(world, category, title="Spindle belt internal", visibility="internal",
                              language="fr"),
        "partner": published(world, category, title="Spindle belt Hydra", visibility="partner",
                             supplier_id=world.partner_a.pk, language="es"),
        "draft": write(category, world.agent, title="Spindle belt draft", language="nl"),
    }  # fmt: skip
