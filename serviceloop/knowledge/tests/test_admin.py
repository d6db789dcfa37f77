"""Categories are kept in the admin; articles, their versions and history are only read there."""

from __future__ import annotations

import pytest

from serviceloop.knowledge.models import KnowledgeCategory
from serviceloop.knowledge.services import ArticleContent, edit_article

from .conftest import published


def test_an_administrator_creates_a_category_with_an_owner(world, admin_client):
    assert admin_client.get("/admin/knowledge/knowledgecategory/add/").status_code == 200
    data = {"name": "Controllers", "owner": world.engineer.pk, "review_every_days": 90}
    assert admin_client.post("/admin/knowledge/knowledgecategory/add/", data).status_code == 302
    assert KnowledgeCategory.objects.get(name="Controllers").owner == world.engineer
    # Customers cannot own a category, and a review period of 0 days is refused.
    bad = admin_client.post(
        "/admin/knowledge/knowledgecategory/add/",
        {"name": "Bad", "owner": world.customer.pk, "review_every_days": 0},
    )
    assert bad.status_code == 200 and not KnowledgeCategory.objects.filter(name="Bad").exists()


def test_articles_are_read_only_with_their_versions(world, category, admin_client):
    article = published(world, category, tags="belt")
    edit_article(world.manager, article, ArticleContent.of(title="Belt, second edition"), note="renamed")
    listing = admin_client.get("/admin/knowledge/article/?q=belt")
    assert listing.status_code == 200 and "Belt, second edition" in listing.content.decode()
    page = admin_client.get(f"/admin/knowledge/article/{article.pk}/change/").content.decode()
    assert 'name="_save"' not in page and "renamed" in page and "knowledge.published" in page
    assert admin_client.get("/admin/knowledge/article/add/").status_code == 403


@pytest.mark.parametrize("model", ["articleuse", "articleattachment"])
def test_uses_and_files_are_listed_read_only(admin_client, model):
    response = admin_client.get(f"/admin/knowledge/{model}/")
    assert response.status_code == 200
    assert admin_client.get(f"/admin/knowledge/{model}/add/").status_code == 403
