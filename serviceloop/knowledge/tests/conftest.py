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
