from django.urls import reverse

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Attachment, Impact, Ticket

from .conftest import a_file

NEW = reverse("portal:new")


def form_data(world, **extra):
    data = {
        "subject": "Spindle overheats",
        "description": "Temperature alarm E42 after 20 minutes at full load.",
        "category": "technical",
        "urgency": "high",
        "impact": Impact.STOPPED,
        "machine": world.machine_b.pk,
    }
    data.update(extra)
    return data


def test_form_offers_only_the_organisations_machines(portal, world, settings):
    settings.ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
    content = portal.get(NEW).content.decode()
    assert "up to 5.0\xa0MB each" in content
    assert "CL200-0001" in content and "CL300-0002" in content
    assert "CL200-0099" not in content
    assert "My production has stopped" in content


def test_submit_with_machine_and_attachment_creates_ticket_and_receipt(portal, world):
    files = [a_file(), a_file("alarm.pdf", b"%PDF-1.4 alarm", "application/pdf")]
    response = portal.post(NEW, form_data(world, attachments=files), follow=True)
    ticket = Ticket.objects.get()
    assert response.redirect_chain == [(reverse("portal:ticket", args=[ticket.number]), 302)]
    assert f"Your request is recorded as {ticket.number}" in response.content.decode()
    assert ticket.channel == "portal" and ticket.organisation == world.org
    assert ticket.machine == world.machine_b and ticket.product_model == world.model_b
    assert ticket.contact == world.contact and ticket.created_by == world.customer
    assert (ticket.impact, ticket.urgency, ticket.category) == ("stopped", "high", "technical")
    first = ticket.messages.get()
    assert first.body.startswith("Temperature alarm E42")
    assert sorted(first.attachments.values_list("filename", flat=True)) == ["alarm.pdf", "photo.jpg"]
    receipt = Receipt.objects.get()
    assert receipt.source == "portal" and receipt.state == Receipt.State.PROCESSED
    assert receipt.ticket == ticket and receipt.received_by == world.customer
    assert receipt.payload["subject"] == "Spindle overheats"
    assert {"name": "alarm.pdf", "size": 14, "content_type": "application/pdf"} in receipt.payload[
        "attachments"
    ]


def test_someone_elses_machine_is_a_form_error(portal, world):
    response = portal.post(NEW, form_data(world, machine=world.other_machine.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["machine"]
    assert not Ticket.objects.exists() and not Receipt.objects.exists()


def test_missing_description_is_a_form_error(portal, world):
    response = portal.post(NEW, form_data(world, description=""))
    assert response.status_code == 400
    assert "description" in response.context["form"].errors
    assert not Ticket.objects.exists()


def test_oversized_attachment_is_refused_with_413_and_the_receipt_kept_as_rejected(portal, world, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = portal.post(NEW, form_data(world, attachments=[a_file("video.mp4", b"x" * 1025, "video/mp4")]))
    assert response.status_code == 413
    assert "video.mp4 is larger than" in " ".join(response.context["form"].errors["attachments"])
    assert response.context["form"]["subject"].value() == "Spindle overheats"  # nothing to type again
    assert not Ticket.objects.exists() and not Attachment.objects.exists()
    receipt = Receipt.objects.get()
    assert receipt.state == Receipt.State.REJECTED and "larger than" in receipt.error
    assert receipt.payload["attachments"] == [
        {"name": "video.mp4", "size": 1025, "content_type": "video/mp4"}
    ]


def test_unsafe_attachment_is_refused_with_400(portal, world):
    response = portal.post(
        NEW, form_data(world, attachments=[a_file("tool.exe", b"MZ", "application/octet-stream")])
    )
    assert response.status_code == 400
    assert "not accepted" in response.content.decode()
    assert not Ticket.objects.exists() and not Attachment.objects.exists()
    assert Receipt.objects.get().state == Receipt.State.REJECTED


def test_submit_without_machine_is_fine(portal, world):
    response = portal.post(NEW, form_data(world, machine="", category="order", impact="minor"))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.machine is None and ticket.category == "order"
