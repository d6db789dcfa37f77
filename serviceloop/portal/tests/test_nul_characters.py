"""A NUL character (U+0000) sent through the portal: PostgreSQL can neither store nor compare it, so the
portal answers with a message on every database, never a server error."""

from django.urls import reverse

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Attachment, Ticket

from .conftest import a_file
from .test_submit import form_data

LIST = reverse("portal:tickets")


def test_a_search_with_a_nul_is_ignored_and_lists_as_without_it(portal, world):
    """The search form refuses the NUL (a customer cannot type one), so the list shows as unfiltered."""
    ticket = world.ticket()
    for q in ("\x00", "grinding\x00noise"):
        response = portal.get(LIST, {"q": q, "state": "open\x00"})
        assert response.status_code == 200
        assert ticket.number in response.content.decode()
    assert ticket.number not in portal.get(LIST, {"q": "nothing-like-it"}).content.decode()


def test_an_upload_whose_type_holds_a_nul_is_kept_and_served_as_plain_bytes(portal, world):
    upload = a_file("trace.dat7", b"\x00\x01", content_type="application/x-\x00trace")
    response = portal.post(reverse("portal:new"), form_data(world, attachments=[upload]))
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert Attachment.objects.get(ticket=ticket).content_type == "application/octet-stream"
    receipt = Receipt.objects.get()
    assert receipt.state == Receipt.State.PROCESSED
    assert receipt.payload["attachments"][0]["content_type"] == "application/x-\ufffdtrace"
