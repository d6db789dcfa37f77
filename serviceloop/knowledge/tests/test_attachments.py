"""Files of articles: which types are taken (by their bytes, not their names), the size limit, who may
add or remove them, and who may fetch them."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser

from serviceloop.core.errors import Conflict, Forbidden, NotFound, TooLarge
from serviceloop.knowledge.models import ArticleAttachment
from serviceloop.knowledge.services import move, render_markdown
from serviceloop.knowledge.services.attachments import (
    article_attachments,
    classify,
    delete_attachment,
    readable_attachment,
    upload_attachment,
)
from serviceloop.tickets.services.conversation import UnsafeFile, Upload

from .conftest import published, write

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
GIF = b"GIF89a" + b"\x00" * 40
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
DOCX = b"PK\x03\x04" + b"\x00" * 40


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> Upload:
    return Upload(name=name, content_type=content_type, content=io.BytesIO(data), size=len(data))


@pytest.mark.parametrize(
    ("name", "data", "kind", "content_type"),
    [
        ("belt.png", PNG, "image", "image/png"),
        ("belt.JPG", JPEG, "image", "image/jpeg"),
        ("belt.gif", GIF, "image", "image/gif"),
        ("belt.webp", WEBP, "image", "image/webp"),
        ("manual.pdf", PDF, "document", "application/pdf"),
        ("parts.docx", DOCX, "document",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("torques.csv", b"bolt,nm\nM8,25\n", "other", "text/csv"),
    ],
)  # fmt: skip
def test_accepted_types_are_classified_by_their_bytes(name, data, kind, content_type):
    assert classify(name, data) == (kind, content_type)


def test_a_jpeg_named_png_is_served_as_what_it_is():
    assert classify("photo.png", JPEG) == ("image", "image/jpeg")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("fake.png", b"<html><script>alert(1)</script></html>"),  # a page dressed as an image
        ("fake.pdf", b"<html>not a pdf</html>"),
        ("fake.docx", b"MZ\x90\x00 an executable"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("tool.exe", b"MZ\x90\x00"),
        ("page.html", b"<html></html>"),
        ("archive.zip", DOCX),
        ("noextension", PNG),
        ("binary.txt", b"text\x00with nul"),
    ],
)
def test_other_files_are_refused(name, data):
    with pytest.raises(UnsafeFile):
        classify(name, data)


def test_a_writer_attaches_a_file_stored_under_a_random_name(world, category):
    article = write(category, world.agent)
    item = upload_attachment(world.agent, article, upload("../../etc/belt diagram.png", PNG, "image/png"))
    item.refresh_from_db()
    assert item.original_name == "belt diagram.png" and item.kind == "image" and item.size == len(PNG)
    assert item.content_type == "image/png" and item.uploaded_by == world.agent
    assert item.file.name.startswith(f"knowledge/{article.pk}/") and "belt" not in item.file.name
    assert item.file.open("rb").read() == PNG
    assert list(article_attachments(article)) == [item]


def test_a_fake_png_is_refused_and_nothing_is_stored(world, category):
    article = write(category, world.agent)
    with pytest.raises(UnsafeFile) as refused:
        upload_attachment(world.agent, article, upload("fake.png", b"<script>alert(1)</script>", "image/png"))
    assert "fake.png" in refused.value.message
    assert not ArticleAttachment.objects.exists()


def test_the_tickets_size_limit_applies(world, category, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    article = write(category, world.agent)
    with pytest.raises(TooLarge):
        upload_attachment(world.agent, article, upload("manual.pdf", PDF + b"x" * 200))
    # A face that reports a wrong size is caught on reading the bytes.
    lying = Upload(name="manual.pdf", content_type="", content=io.BytesIO(PDF + b"x" * 200), size=10)
    with pytest.raises(TooLarge):
        upload_attachment(world.agent, article, lying)
    upload_attachment(world.agent, article, upload("small.pdf", PDF))
    assert ArticleAttachment.objects.count() == 1


def test_readers_cannot_attach(world, category):
    article = write(category, world.agent)
    for reader in (world.quality, world.customer, AnonymousUser()):
        with pytest.raises(Forbidden):
            upload_attachment(reader, article, upload("belt.png", PNG))
    assert not ArticleAttachment.objects.exists()


def test_a_partner_attaches_to_its_own_company_documents_only(world, category):
    own = write(category, world.partner_a_tech, visibility="partner", supplier_id=world.partner_a.pk)
    other = write(category, world.partner_b_tech, visibility="partner", supplier_id=world.partner_b.pk,
                  language="de")  # fmt: skip
    ours = write(category, world.agent, language="fr")
    assert upload_attachment(world.partner_a_tech, own, upload("belt.png", PNG)).article == own
    for article in (other, ours):
        with pytest.raises(Forbidden):
            upload_attachment(world.partner_a_tech, article, upload("belt.png", PNG))


def test_a_published_article_takes_files_from_its_reviewers_only(world, category):
    article = published(world, category)
    with pytest.raises(Forbidden):
        upload_attachment(world.agent, article, upload("belt.png", PNG))
    assert upload_attachment(world.manager, article, upload("belt.png", PNG)).article == article


def test_an_article_in_review_takes_no_files(world, category):
    article = move(world.agent, write(category, world.agent), "submit")
    with pytest.raises(Conflict):
        upload_attachment(world.manager, article, upload("belt.png", PNG))


def test_removing_a_file_hides_it_but_keeps_its_bytes(world, category):
    article = write(category, world.agent)
    item = upload_attachment(world.agent, article, upload("manual.pdf", PDF))
    storage, name = item.file.storage, item.file.name
    with pytest.raises(Forbidden):
        delete_attachment(world.quality, article, item.pk)
    delete_attachment(world.agent, article, item.pk)
    item.refresh_from_db()
    assert item.removed_at is not None and item.removed_by == world.agent
    assert storage.exists(name)  # an earlier version can bring it back
    assert list(article_attachments(article)) == []
    with pytest.raises(NotFound):
        delete_attachment(world.agent, article, item.pk)


def test_files_are_read_by_whoever_reads_the_article(world, category):
    public = published(world, category, title="Public", visibility="public")
    internal = published(world, category, title="Internal", visibility="internal", language="de")
    public_file = upload_attachment(world.manager, public, upload("belt.png", PNG))
    internal_file = upload_attachment(world.manager, internal, upload("belt.png", PNG))
    anonymous = AnonymousUser()
    assert readable_attachment(anonymous, public.pk, public_file.pk) == public_file
    assert readable_attachment(world.agent, internal.pk, internal_file.pk) == internal_file
    for user, article_id, file_id in [
        (anonymous, internal.pk, internal_file.pk),
        (world.customer, internal.pk, internal_file.pk),
        (anonymous, public.pk, internal_file.pk),  # another article's file through a readable one
        (anonymous, public.pk, "nonsense"),
        (anonymous, public.pk, 2**70),
    ]:
        with pytest.raises(NotFound):
            readable_attachment(user, article_id, file_id)


def test_the_text_keeps_relative_image_addresses_and_drops_unsafe_ones():
    html = render_markdown(
        "![belt](/help/articles/1/files/2/) [video](https://vimeo.com/1)"
        " ![x](data:image/png;base64,AAAA) [run](javascript:alert(1))"
        ' <iframe src="https://www.youtube.com/embed/x"></iframe>'
    )
    assert '<img alt="belt" src="/help/articles/1/files/2/">' in html
    assert 'href="https://vimeo.com/1"' in html  # a video is a plain link
    assert "data:" not in html and "javascript:" not in html and "iframe" not in html
