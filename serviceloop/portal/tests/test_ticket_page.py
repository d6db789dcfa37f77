import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Commitment, Message, Status
from serviceloop.tickets.services import Upload, add_message, transition

from .conftest import a_file, awaiting_verification


def page(ticket):
    return reverse("portal:ticket", args=[ticket.number])


def upload(name: str, data: bytes) -> Upload:
    return Upload(name=name, content_type="application/pdf", content=io.BytesIO(data), size=len(data))


def test_other_organisations_ticket_and_file_are_not_found(portal, world):
    theirs = world.ticket(organisation_id=world.other_org.pk, contact_id=None, machine_id=None)
    message = add_message(world.agent, theirs, "manual", uploads=[upload("manual.pdf", b"%PDF secret")])
    attachment = message.attachments.get()
    assert portal.get(page(theirs)).status_code == 404
    response = portal.get(reverse("portal:attachment", args=[theirs.number, attachment.pk]))
    assert response.status_code == 404
    # Nor through one of their own tickets' addresses.
    mine = world.ticket()
    response = portal.get(reverse("portal:attachment", args=[mine.number, attachment.pk]))
    assert response.status_code == 404
    assert portal.post(reverse("portal:reply", args=[theirs.number]), {"body": "hi"}).status_code == 404
    assert not theirs.messages.filter(body="hi").exists()


def test_internal_notes_and_their_files_never_reach_the_customer(portal, world):
    ticket = world.ticket()
    public = add_message(world.agent, ticket, "Please send a photo of the belt.",
                         uploads=[upload("checklist.pdf", b"%PDF public")])  # fmt: skip
    note = add_message(world.agent, ticket, "Customer overloads the machine", internal=True,
                       uploads=[upload("cost-estimate.pdf", b"%PDF internal")])  # fmt: skip
    response = portal.get(page(ticket))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Please send a photo of the belt." in content and "checklist.pdf" in content
    assert "overloads" not in content and "cost-estimate.pdf" not in content
    hidden = note.attachments.get()
    assert portal.get(reverse("portal:attachment", args=[ticket.number, hidden.pk])).status_code == 404
    shown = public.attachments.get()
    download = portal.get(reverse("portal:attachment", args=[ticket.number, shown.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF public"
    assert (
        "attachment" in download["Content-Disposition"] and "checklist.pdf" in download["Content-Disposition"]
    )


def test_message_bodies_are_sanitised(portal, world):
    ticket = world.ticket()
    add_message(world.agent, ticket, '<p>Hello</p><script>alert("x")</script><img src=x onerror=alert(1)>')
    content = portal.get(page(ticket)).content.decode()
    assert "<p>Hello</p>" in content
    assert "<script>alert" not in content and "onerror" not in content


def test_progress_and_promises_are_shown(portal, world):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    due = timezone.now() + timedelta(days=2)
    Commitment.objects.create(ticket=ticket, promise="Send a spare spindle", due_at=due)
    Commitment.objects.create(ticket=ticket, promise="Already done", fulfilled_at=timezone.now())
    content = portal.get(page(ticket)).content.decode()
    assert 'aria-current="step"' in content
    current = content.split('aria-current="step"')[1][:600]
    assert "Being handled" in current
    assert "Send a spare spindle" in content and "Already done" not in content


def test_reply_with_attachment(portal, world):
    ticket = world.ticket()
    files = [a_file(), a_file("log.txt", b"E42", "text/plain")]
    response = portal.post(
        reverse("portal:reply", args=[ticket.number]), {"body": "Here is the photo", "attachments": files}
    )
    assert response.status_code == 302 and response["Location"].endswith(page(ticket) + "#latest")
    message = Message.objects.get(body="Here is the photo")
    assert message.author == world.customer and message.channel == "portal"
    assert sorted(message.attachments.values_list("filename", flat=True)) == ["log.txt", "photo.jpg"]
    receipt = Receipt.objects.get(source="portal")
    assert receipt.state == Receipt.State.PROCESSED and receipt.ticket_id == ticket.pk
    assert receipt.payload["attachments"][1] == {"name": "log.txt", "size": 3, "content_type": "text/plain"}


def test_reply_brings_a_pending_ticket_back(portal, world):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    portal.post(reverse("portal:reply", args=[ticket.number]), {"body": "Serial is on the door"})
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_oversized_reply_attachment_is_refused_with_413(portal, world, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    ticket = world.ticket()
    response = portal.post(reverse("portal:reply", args=[ticket.number]),
                           {"body": "big file", "attachments": [a_file(data=b"x" * 11)]})  # fmt: skip
    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    assert not ticket.messages.filter(body="big file").exists()


def test_empty_reply_is_a_form_error(portal, world):
    ticket = world.ticket()
    response = portal.post(reverse("portal:reply", args=[ticket.number]), {"body": "  "})
    assert response.status_code == 400
    assert response.context["reply_form"].errors["body"]


def test_confirm_fix_resolves(portal, world):
    ticket = awaiting_verification(world)
    content = portal.get(page(ticket)).content.decode()
    assert "The fix works" in content and "It still doesn't work" in content
    response = portal.post(reverse("portal:action", args=[ticket.number]), {"action": "confirm_fix"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert ticket.events.filter(field="status", new_value="resolved", actor=world.customer).exists()
    assert "Reopen" in portal.get(page(ticket)).content.decode()


def test_reject_fix_needs_a_comment_and_reopens(portal, world):
    ticket = awaiting_verification(world)
    url = reverse("portal:action", args=[ticket.number])
    response = portal.post(url, {"action": "reject_fix", "comment": " "})
    assert response.status_code == 400
    ticket.refresh_from_db()
    assert ticket.status == Status.AWAITING_VERIFICATION
    response = portal.post(url, {"action": "reject_fix", "comment": "Noise is back after an hour"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.REOPENED
    event = ticket.events.get(field="status", new_value="reopened")
    assert event.data["comment"] == "Noise is back after an hour"
    assert "Noise is back after an hour" in portal.get(page(ticket)).content.decode()


def test_reopen_from_resolved_and_closed(portal, world):
    resolved = awaiting_verification(world)
    transition(world.agent, resolved, "resolve")
    response = portal.post(reverse("portal:action", args=[resolved.number]),
                           {"action": "reopen", "comment": "It happened again"})  # fmt: skip
    assert response.status_code == 302
    resolved.refresh_from_db()
    assert resolved.status == Status.REOPENED
    closed = world.ticket()
    for step in ("take", "resolve", "close"):
        transition(world.agent, closed, step)
    assert "Write to us" not in portal.get(page(closed)).content.decode()
    portal.post(reverse("portal:action", args=[closed.number]), {"action": "reopen", "comment": "Again"})
    closed.refresh_from_db()
    assert closed.status == Status.REOPENED and closed.messages.filter(body="Again").exists()


def test_actions_not_offered_are_refused_with_a_message(portal, world):
    ticket = world.ticket()
    response = portal.post(reverse("portal:action", args=[ticket.number]), {"action": "confirm_fix"})
    assert response.status_code == 409
    assert "Cannot confirm fix" in response.content.decode()
    response = portal.post(reverse("portal:action", args=[ticket.number]), {"action": "cancel"})
    assert response.status_code == 400
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


def test_ticket_page_query_count_does_not_grow_with_messages(portal, world, django_assert_max_num_queries):
    ticket = world.ticket()
    add_message(world.agent, ticket, "one", uploads=[upload("a.pdf", b"%PDF")])
    with django_assert_max_num_queries(12) as few:
        portal.get(page(ticket))
    for i in range(10):
        add_message(world.agent, ticket, f"more {i}", uploads=[upload(f"{i}.pdf", b"%PDF")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert portal.get(page(ticket)).status_code == 200
