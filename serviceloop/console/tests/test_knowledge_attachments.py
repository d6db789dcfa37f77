"""Files in the console's article editor: upload (form and pasted image), insert into text, the
preview showing the image, removal, and the lists on the edit and article pages."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from serviceloop.knowledge.models import ArticleAttachment, KnowledgeCategory
from serviceloop.knowledge.tests.conftest import published, write
from serviceloop.knowledge.tests.test_attachments import PDF, PNG

from .conftest import text_of
from .test_knowledge_pages import _form

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def png(name: str = "belt.png", data: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def test_a_pasted_image_comes_back_as_markdown_the_preview_shows(world, category, login):
    article = write(category, world.agent)
    client = login(world.agent)
    response = client.post(f"/console/knowledge/{article.pk}/files/", {"file": png()}, **JSON)
    assert response.status_code == 201
    data = json.loads(response.content)
    item = ArticleAttachment.objects.get()
    url = f"/help/articles/{article.pk}/files/{item.pk}/"
    assert data["url"] == url and data["kind"] == "image" and data["markdown"] == f"![belt.png]({url})"
    body = data["markdown"] + "\n\n[click](javascript:alert(1)) ![x](data:image/png;base64,AAAA)"
    preview = text_of(client.post("/console/knowledge/preview/", {"body": body}))
    assert f'<img alt="belt.png" src="{url}">' in preview
    assert "javascript:" not in preview and "data:image" not in preview


def test_a_document_is_inserted_as_a_link(world, category, login):
    article = write(category, world.agent)
    response = login(world.agent).post(
        f"/console/knowledge/{article.pk}/files/",
        {"file": SimpleUploadedFile("Manual [v2].pdf", PDF)},
        **JSON,
    )
    item = ArticleAttachment.objects.get()
    assert json.loads(response.content)["markdown"] == (
        f"[Manual (v2).pdf](/help/articles/{article.pk}/files/{item.pk}/)"
    )


def test_a_refused_file_is_explained(world, category, login):
    article = write(category, world.agent)
    client = login(world.agent)
    fake = png("fake.png", b"<html><script>alert(1)</script></html>")
    response = client.post(f"/console/knowledge/{article.pk}/files/", {"file": fake}, **JSON)
    assert response.status_code == 400 and "fake.png" in json.loads(response.content)["error"]
    missing = client.post(f"/console/knowledge/{article.pk}/files/", {}, **JSON)
    assert missing.status_code == 422
    # Without JavaScript the form goes back to the editor with the reason.
    page = client.post(
        f"/console/knowledge/{article.pk}/files/", {"file": png("fake.png", b"GIF?")}, follow=True
    )
    assert page.redirect_chain[-1][0] == f"/console/knowledge/{article.pk}/edit/"
    assert "fake.png is not a PNG, JPEG, GIF or WebP image." in text_of(page)
    assert not ArticleAttachment.objects.exists()


def test_a_too_large_file_is_refused(world, category, login, settings):
    settings.ATTACHMENT_MAX_BYTES = 20
    article = write(category, world.agent)
    response = login(world.agent).post(f"/console/knowledge/{article.pk}/files/", {"file": png()}, **JSON)
    assert response.status_code == 413 and not ArticleAttachment.objects.exists()


def test_readers_and_other_partners_cannot_upload(world, category, login):
    article = write(category, world.partner_a_tech, visibility="partner", supplier_id=world.partner_a.pk)
    url = f"/console/knowledge/{article.pk}/files/"
    assert login(world.quality).post(url, {"file": png()}, **JSON).status_code == 403
    # Another partner does not even see the draft.
    assert login(world.partner_b_tech).post(url, {"file": png()}, **JSON).status_code == 404
    assert login(world.partner_a_tech).post(url, {"file": png()}, **JSON).status_code == 201
    assert ArticleAttachment.objects.count() == 1


def test_the_editor_lists_files_to_insert_and_remove(world, category, login):
    article = write(category, world.agent)
    client = login(world.agent)
    client.post(f"/console/knowledge/{article.pk}/files/", {"file": png()})
    item = ArticleAttachment.objects.get()
    html = text_of(client.get(f"/console/knowledge/{article.pk}/edit/"))
    assert 'id="kb-attachments"' in html and "console/kb_editor.js" in html
    assert f'data-url="/help/articles/{article.pk}/files/{item.pk}/"' in html and 'data-kind="image"' in html
    assert 'enctype="multipart/form-data"' in html
    article_page = text_of(client.get(f"/console/knowledge/{article.pk}/"))
    assert 'id="article-files"' in article_page and "belt.png" in article_page and "image/png" in article_page
    removed = client.post(f"/console/knowledge/{article.pk}/files/{item.pk}/delete/")
    assert removed.status_code == 302 and ArticleAttachment.objects.get().removed_at is not None
    # Removed files are listed neither in the editor nor on the article's page.
    files_panel = text_of(client.get(f"/console/knowledge/{article.pk}/edit/")).split('id="kb-attachments"')[
        1
    ]
    assert "belt.png" not in files_panel and "No files yet." in files_panel
    assert 'id="article-files"' not in text_of(client.get(f"/console/knowledge/{article.pk}/"))


def test_a_new_article_asks_to_save_before_attaching(world, category, login):
    html = text_of(login(world.agent).get("/console/knowledge/new/"))
    assert 'id="kb-attachments"' not in html and "Save the draft first" in html


def test_a_reader_cannot_remove_a_file(world, category, login):
    article = published(world, category)
    login(world.manager).post(f"/console/knowledge/{article.pk}/files/", {"file": png()})
    item = ArticleAttachment.objects.get()
    login(world.quality).post(f"/console/knowledge/{article.pk}/files/{item.pk}/delete/")
    login(world.agent).post(f"/console/knowledge/{article.pk}/files/{item.pk}/delete/")  # not a reviewer
    assert ArticleAttachment.objects.filter(pk=item.pk, removed_at__isnull=True).exists()


def test_the_editor_saves_its_text_after_its_own_uploads(world, category, login):
    article = write(category, world.agent)
    client = login(world.agent)
    edit_url = f"/console/knowledge/{article.pk}/edit/"
    assert client.post(f"/console/knowledge/{article.pk}/files/", {"file": png()}, **JSON).status_code == 201
    # The form still names version 1; the version the upload made changed no text, so nothing is lost.
    data = _form(kind="how_to", title="Belt", body="![belt.png](x)", version=1, category=category.pk)
    assert client.post(edit_url, data).status_code == 302
    article.refresh_from_db()
    assert article.version == 3 and article.title == "Belt"
    stale = client.post(edit_url, {**data, "title": "Lost change"})  # version 2 changed the text
    assert stale.status_code == 409 and "Someone else changed this article" in text_of(stale)


def test_versions_and_the_diff_name_files_and_a_restore_brings_one_back(world, category, login):
    article = write(category, world.agent)
    client = login(world.agent)
    client.post(f"/console/knowledge/{article.pk}/files/", {"file": png()})
    item = ArticleAttachment.objects.get()
    client.post(f"/console/knowledge/{article.pk}/files/{item.pk}/delete/")
    page = text_of(client.get(f"/console/knowledge/{article.pk}/"))
    assert "File added: belt.png" in page and "File removed: belt.png" in page
    diff = text_of(client.get(f"/console/knowledge/{article.pk}/compare/", {"old": 1, "new": 2}))
    assert 'class="kb-file-added">File added: belt.png' in diff and "say the same" not in diff
    assert client.get(f"/help/articles/{article.pk}/files/{item.pk}/").status_code == 404
    assert client.post(f"/console/knowledge/{article.pk}/restore/", {"number": 2}).status_code == 302
    assert client.get(f"/help/articles/{article.pk}/files/{item.pk}/").status_code == 200
    assert 'id="article-files"' in text_of(client.get(f"/console/knowledge/{article.pk}/"))
