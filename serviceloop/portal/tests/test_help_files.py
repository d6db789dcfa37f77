"""Files of help articles: fetched by whoever may read the article, listed under it, images shown."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from serviceloop.knowledge.models import KnowledgeCategory
from serviceloop.knowledge.services import ArticleContent, edit_article, move
from serviceloop.knowledge.services.attachments import upload_attachment
from serviceloop.knowledge.tests.conftest import published, write
from serviceloop.knowledge.tests.test_attachments import PDF, PNG
from serviceloop.tickets.services.conversation import Upload


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def attach(actor, article, name: str, data: bytes):
    return upload_attachment(actor, article, Upload(name=name, content_type="", content=io.BytesIO(data),
                                                    size=len(data)))  # fmt: skip


def file_url(item) -> str:
    return f"/help/articles/{item.article_id}/files/{item.pk}/"


def test_anyone_fetches_a_public_articles_files(world, category):
    article = published(world, category, visibility="public")
    image = attach(world.manager, article, "belt.png", PNG)
    manual = attach(world.manager, article, "manual.pdf", PDF)
    shown = Client().get(file_url(image))
    assert shown.status_code == 200 and shown.getvalue() == PNG
    assert shown["Content-Type"] == "image/png" and "attachment" not in shown.get("Content-Disposition", "")
    assert shown["X-Content-Type-Options"] == "nosniff"
    download = Client().get(file_url(manual))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"


def test_files_of_articles_a_visitor_may_not_read_are_not_found(world, category):
    internal = published(world, category, title="Internal", visibility="internal")
    draft = write(category, world.agent, title="Draft", language="de")
    internal_file = attach(world.manager, internal, "belt.png", PNG)
    draft_file = attach(world.agent, draft, "belt.png", PNG)
    for url in (file_url(internal_file), file_url(draft_file), f"/help/articles/{internal.pk}/files/999/"):
        assert Client().get(url).status_code == 404
    customer = Client()
    customer.force_login(world.customer)
    assert customer.get(file_url(internal_file)).status_code == 404
    staff = Client()
    staff.force_login(world.agent)
    assert staff.get(file_url(internal_file)).status_code == 200  # the console's preview uses it too
    assert staff.get(file_url(draft_file)).status_code == 200


def test_the_article_page_lists_files_and_shows_images_in_the_text(world, category):
    article = write(category, world.agent)
    image = attach(world.agent, article, "belt.png", PNG)
    manual = attach(world.agent, article, "manual.pdf", PDF)
    body = f"See the belt:\n\n![belt.png]({file_url(image)})\n\n[Video](https://www.youtube.com/watch?v=x)"
    article = edit_article(world.agent, article, ArticleContent.of(body=body))
    move(world.agent, article, "submit")
    move(world.manager, article, "publish")
    html = Client().get(f"/help/articles/{article.pk}/", follow=True).content.decode()
    assert f'<img alt="belt.png" src="{file_url(image)}">' in html
    assert 'href="https://www.youtube.com/watch?v=x"' in html and "<iframe" not in html
    assert 'id="article-files"' in html
    assert f'href="{file_url(manual)}" download>manual.pdf</a>' in html
