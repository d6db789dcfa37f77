"""Files are versioned with the text: adding or removing one makes a version, a removed file is kept
but no reader gets it, restoring a version brings back its files, and diffs name the files changed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.test import Client

from serviceloop.core.errors import Conflict, NotFound
from serviceloop.knowledge import events
from serviceloop.knowledge.models import ArticleAttachment, ArticleEvent, ArticleVersion
from serviceloop.knowledge.services import ArticleContent, compare, edit_article, restore_version
from serviceloop.knowledge.services.attachments import (
    article_attachments,
    delete_attachment,
    readable_attachment,
    upload_attachment,
)
from serviceloop.knowledge.services.writing import only_files_changed_since

from .conftest import published, write
from .test_attachments import PDF, PNG, upload


def file_url(item: ArticleAttachment) -> str:
    return f"/help/articles/{item.article_id}/files/{item.pk}/"


def listed(article, number: int) -> list[str]:
    return [f["name"] for f in ArticleVersion.objects.get(article=article, number=number).attachments]


def test_adding_and_removing_files_make_versions_that_list_them(world, category):
    article = write(category, world.agent, body="Loosen the tensioner.")
    manual = upload_attachment(world.agent, article, upload("manual.pdf", PDF))
    upload_attachment(world.agent, article, upload("belt.png", PNG))
    delete_attachment(world.agent, article, manual.pk)
    versions = list(ArticleVersion.objects.filter(article=article).order_by("number"))
    assert [(v.number, v.note) for v in versions] == [
        (1, ""), (2, "File added: manual.pdf"), (3, "File added: belt.png"), (4, "File removed: manual.pdf"),
    ]  # fmt: skip
    assert [listed(article, n) for n in (1, 2, 3, 4)] == [
        [],
        ["manual.pdf"],
        ["manual.pdf", "belt.png"],
        ["belt.png"],
    ]
    assert {v.body for v in versions} == {"Loosen the tensioner."} and {v.author for v in versions} == {
        world.agent
    }
    article.refresh_from_db()
    assert article.version == 4
    steps = ArticleEvent.objects.filter(article=article, name=events.ARTICLE_EDITED).order_by("id")
    named = [(e.data.get("version"), e.data.get("file_added") or e.data.get("file_removed")) for e in steps]
    assert named == [
        (2, "manual.pdf"), (3, "belt.png"), (4, "manual.pdf"),
    ]  # fmt: skip


def test_text_edits_keep_the_files_of_the_version_before(world, category):
    article = write(category, world.agent)
    upload_attachment(world.agent, article, upload("manual.pdf", PDF))
    edited = edit_article(world.agent, article, ArticleContent.of(body="New text"))
    assert edited.version == 3 and listed(article, 3) == ["manual.pdf"]


def test_no_reader_gets_a_removed_file(world, category):
    article = published(world, category, visibility="public")
    manual = upload_attachment(world.manager, article, upload("manual.pdf", PDF))
    assert Client().get(file_url(manual)).status_code == 200
    delete_attachment(world.manager, article, manual.pk)
    assert list(article_attachments(article)) == []
    for user in (world.manager, world.agent, world.customer):
        with pytest.raises(NotFound):
            readable_attachment(user, article.pk, manual.pk)
    staff = Client()
    staff.force_login(world.manager)
    for client in (Client(), staff):
        assert client.get(file_url(manual)).status_code == 404
    page = Client().get(f"/help/articles/{article.pk}/", follow=True).content.decode()
    assert "manual.pdf" not in page


def test_restoring_a_version_brings_its_files_back_and_removes_later_ones(world, category):
    article = published(world, category, visibility="public")
    manual = upload_attachment(world.manager, article, upload("manual.pdf", PDF))  # version 2
    delete_attachment(world.manager, article, manual.pk)  # version 3
    newer = upload_attachment(world.manager, article, upload("manual-v2.pdf", PDF + b"v2"))  # version 4
    assert Client().get(file_url(manual)).status_code == 404
    restored = restore_version(world.manager, article, 2)
    assert restored.version == 5 and listed(article, 5) == ["manual.pdf"]
    assert list(article_attachments(article)) == [manual]
    download = Client().get(file_url(manual))
    assert download.status_code == 200 and download.getvalue() == PDF
    assert Client().get(file_url(newer)).status_code == 404
    newer.refresh_from_db()
    assert newer.removed_at is not None and newer.removed_by == world.manager
    # Restoring the version that had the newer file brings it back in turn.
    restore_version(world.manager, restored, 4)
    assert list(article_attachments(article)) == [newer]
    assert ArticleVersion.objects.get(article=article, number=6).note == "Restored version 4"


def test_a_restore_that_changes_only_files_is_a_version_and_a_same_one_is_refused(world, category):
    article = write(category, world.agent)
    manual = upload_attachment(world.agent, article, upload("manual.pdf", PDF))
    delete_attachment(world.agent, article, manual.pk)
    restored = restore_version(world.agent, article, 2)
    assert restored.version == 4 and restored.body == article.body
    with pytest.raises(Conflict):
        restore_version(world.agent, restored, 2)


def test_a_listed_file_whose_row_is_gone_is_skipped(world, category):
    article = write(category, world.agent, body="First")
    gone = upload_attachment(world.agent, article, upload("gone.pdf", PDF))
    kept = upload_attachment(world.agent, article, upload("belt.png", PNG))  # version 3 lists both
    delete_attachment(world.agent, article, kept.pk)
    article = edit_article(world.agent, article, ArticleContent.of(body="Second"))
    ArticleAttachment.objects.filter(pk=gone.pk).delete()  # should not happen; must not break restores
    restored = restore_version(world.agent, article, 3)
    assert restored.body == "First" and list(article_attachments(article)) == [kept]


def test_the_diff_names_files_added_and_removed(world, category):
    article = write(category, world.agent)
    old = upload_attachment(world.agent, article, upload("manual.pdf", PDF))
    delete_attachment(world.agent, article, old.pk)
    upload_attachment(world.agent, article, upload("manual.pdf", PDF + b"new"))  # same name, other file
    upload_attachment(world.agent, article, upload("a&b.png", PNG))
    unified, table = compare(article, 2, 5)
    assert unified.splitlines() == [
        "File added: manual.pdf", "File added: a&b.png", "File removed: manual.pdf",
    ]  # fmt: skip
    assert 'class="kb-file-added">File added: a&amp;b.png</li>' in table and "<table" not in table
    assert 'class="kb-file-removed">File removed: manual.pdf</li>' in table
    assert compare(article, 3, 3) == ("", "")


def test_the_diff_shows_text_and_files_together(world, category):
    article = write(category, world.agent, body="Step one")
    upload_attachment(world.agent, article, upload("belt.png", PNG))
    edit_article(world.agent, article, ArticleContent.of(body="Step 1"))
    unified, table = compare(article, 1, 3)
    assert "-Step one" in unified and "+Step 1" in unified and unified.endswith("\n\nFile added: belt.png")
    assert "<table" in table and table.index("</table>") < table.index("File added: belt.png")


def test_an_editor_opened_before_its_own_uploads_may_still_save(world, category):
    article = write(category, world.agent)
    upload_attachment(world.agent, article, upload("belt.png", PNG))
    upload_attachment(world.agent, article, upload("manual.pdf", PDF))
    assert only_files_changed_since(article, 1) and only_files_changed_since(article, 3)
    edit_article(world.agent, article, ArticleContent.of(body="Someone else's words"))
    assert not only_files_changed_since(article, 1) and not only_files_changed_since(article, 99)


def test_the_migration_lists_each_articles_current_files_in_every_version(world, category):
    migration = importlib.import_module(
        "serviceloop.knowledge.migrations.0008_attachment_removal_and_version_files"
    )
    article = write(category, world.agent)
    first = upload_attachment(world.agent, article, upload("manual.pdf", PDF))
    second = upload_attachment(world.agent, article, upload("belt.png", PNG))
    bare = write(category, world.agent, title="No files", language="de")
    ArticleVersion.objects.update(attachments=[])  # as the versions were before the migration
    migration.list_current_files(apps, None)
    expected = [{"id": first.pk, "name": "manual.pdf"}, {"id": second.pk, "name": "belt.png"}]
    assert [v.attachments for v in ArticleVersion.objects.filter(article=article)] == [expected] * 3
    assert ArticleVersion.objects.get(article=bare).attachments == []
