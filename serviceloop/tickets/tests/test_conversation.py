import io

import pytest
from django.core import mail

from serviceloop.core.errors import Forbidden, ServiceError, TooLarge
from serviceloop.tickets.models import Attachment, Message
from serviceloop.tickets.services import Upload, add_attachment, add_message, visible_messages
from serviceloop.tickets.services.conversation import safe_filename
from serviceloop.tickets.text import body_to_html


def upload(name="photo.jpg", data=b"\xff\xd8jpeg", content_type="image/jpeg"):
    return Upload(name=name, content_type=content_type, content=io.BytesIO(data), size=len(data))


def test_public_reply_is_mailed_to_the_customer_but_notes_are_not(world, django_capture_on_commit_callbacks):
    t = world.ticket()
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.agent, t, "Please check the belt tension.")
        add_message(world.agent, t, "Customer sounds annoyed", internal=True)
        add_message(world.customer, t, "Thanks, will do")
    assert [m.subject for m in mail.outbox] == [f"[{t.number}] {t.subject}"]
    assert "belt tension" in mail.outbox[0].body


def test_customers_never_see_internal_notes(world):
    t = world.ticket()
    add_message(world.agent, t, "internal only", internal=True)
    assert not visible_messages(world.customer, t).filter(kind=Message.Kind.NOTE).exists()
    assert visible_messages(world.agent, t).filter(kind=Message.Kind.NOTE).exists()
    with pytest.raises(Forbidden):
        add_message(world.customer, t, "sneaky", internal=True)


def test_attachments_are_stored_under_a_random_name(world, settings):
    t = world.ticket()
    att = add_attachment(world.agent, t, upload(name="../../etc/主轴 photo.jpg"))
    assert att.filename == "主轴 photo.jpg"
    assert att.file.name.startswith(f"attachments/{t.pk}/") and ".." not in att.file.name
    assert att.size == 6 and att.content_type == "image/jpeg"
    assert att.file.read() == b"\xff\xd8jpeg"


def test_oversized_attachment_is_refused_and_nothing_is_stored(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    t = world.ticket()
    with pytest.raises(TooLarge) as exc:
        add_message(world.agent, t, "see file", uploads=[upload(data=b"x" * 11)])
    assert exc.value.status == 413
    assert not Attachment.objects.exists() and t.messages.count() == 1


@pytest.mark.parametrize(
    ("name", "ctype"), [("setup.exe", "application/octet-stream"), ("x.txt", "text/html")]
)
def test_unsafe_attachment_is_refused(world, name, ctype):
    with pytest.raises(ServiceError) as exc:
        add_attachment(world.agent, world.ticket(), upload(name=name, content_type=ctype))
    assert exc.value.status == 400


@pytest.mark.parametrize("name", ["", "...", "\x00\x01", "a" * 400 + ".pdf"])
def test_safe_filename_always_gives_a_usable_name(name):
    result = safe_filename(name)
    assert result and "/" not in result and not result.startswith(".") and len(result) <= 220


def test_html_bodies_are_sanitised_for_display():
    html = body_to_html('<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">x</a></p>')
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert body_to_html("a < b\nnext line") == "<p>a &lt; b<br>next line</p>"
