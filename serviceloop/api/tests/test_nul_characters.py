"""Text holding a NUL character (U+0000): PostgreSQL can neither store nor compare it, so the schema fuzz
test once found 500s there. Each case it found is pinned here: 422 naming the field on every database,
and what was sent still kept in its receipt."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Attachment, Status, Ticket

NUL = "spindle\x00alarm"


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.json()
    body = response.json()
    assert body["field"] == field
    assert body["detail"].startswith(f"{field}: ") and "NUL" in body["detail"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"q": NUL}, "q"),
        ({"q": "\x00"}, "q"),
        ({"channel": NUL}, "channel"),
        ({"view": NUL}, "view"),
        ({"sort": NUL}, "sort"),
        ({"status": ["new", NUL]}, "status"),
        ({"cursor": NUL}, "cursor"),
    ],
)
def test_listing_refuses_a_nul_in_any_text_filter(world, client_for, params, field):
    world.ticket()
    _refused(client_for(world.supervisor).get("/tickets", params), field)


def _new_ticket(world, **changes):
    return {"subject": "Spindle alarm", "body": "Alarm 2041.", "organisation_id": world.org.pk, **changes}


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"subject": NUL}, "subject"),
        ({"body": NUL}, "body"),
        ({"tags": ["hydraulics", NUL]}, "tags"),
        ({"commitments": [{"promise": NUL}]}, "commitments.0.promise"),
        ({"category": NUL}, "category"),
    ],
)
def test_opening_a_ticket_with_a_nul_is_422_and_the_body_is_kept(world, client_for, changes, field):
    response = client_for(world.agent).post("/tickets", _new_ticket(world, **changes))
    _refused(response, field)
    assert not Ticket.objects.exists()
    receipt = Receipt.objects.get()
    assert receipt.state == "rejected" and "NUL" in receipt.error
    # jsonb cannot hold the NUL itself, so the receipt keeps the JSON text as sent, escape and all.
    assert json.loads(receipt.payload["unparsed_body"]) == _new_ticket(world, **changes)


def test_a_body_with_a_raw_nul_byte_is_unreadable_json_and_still_kept(world, client_for):
    response = client_for(world.agent).post("/tickets", raw='{"subject": "x\x00"}')
    assert response.status_code == 400 and response.json()["field"] == "body"
    receipt = Receipt.objects.get()
    assert receipt.state == "rejected"
    assert receipt.payload == {"unparsed_body": '{"subject": "x\ufffd"}'}


def test_a_reply_with_a_nul_is_422_and_kept(world, client_for):
    ticket = world.ticket()
    response = client_for(world.agent).post(f"/tickets/{ticket.number}/messages", {"body": NUL})
    _refused(response, "body")
    assert ticket.messages.count() == 1
    assert json.loads(Receipt.objects.get().payload["unparsed_body"]) == {"body": NUL}


def test_a_ticket_reference_with_a_nul_is_not_found_and_the_refusal_is_recorded(world, client_for):
    response = client_for(world.agent).post("/tickets/SL-2026-\x00/messages", {"body": "Any news?"})
    assert response.status_code == 404
    assert "\x00" not in response.json()["detail"]
    receipt = Receipt.objects.get()
    assert receipt.state == "rejected" and receipt.error == response.json()["detail"]
    assert client_for(world.agent).get("/tickets/SL-2026-\x00").status_code == 404


@pytest.mark.parametrize(
    "changes, field",
    [({"subject": NUL}, "subject"), ({"tags": [NUL]}, "tags"), ({"urgency": NUL}, "urgency")],
)
def test_changing_a_ticket_with_a_nul_is_422_and_changes_nothing(world, client_for, changes, field):
    ticket = world.ticket()
    _refused(client_for(world.agent).patch(f"/tickets/{ticket.number}", changes), field)
    ticket.refresh_from_db()
    assert (ticket.subject, ticket.version) == ("Spindle makes a grinding noise", 1)


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"action": "take", "comment": NUL}, "comment"),
        ({"action": NUL}, "action"),
        ({"action": "merge", "merge_into": NUL}, "merge_into"),
    ],
)
def test_a_transition_with_a_nul_is_422_and_moves_nothing(world, client_for, payload, field):
    ticket = world.ticket()
    _refused(client_for(world.agent).post(f"/tickets/{ticket.number}/transitions", payload), field)
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


@pytest.mark.parametrize(
    "method, path, payload, field",
    [
        ("post", "/organisations", {"name": NUL, "country": "DE"}, "name"),
        ("patch", "/organisations/{org}", {"notes": NUL}, "notes"),
        ("post", "/contacts", {"organisation_id": "{org}", "name": NUL}, "name"),
        ("post", "/product-lines", {"name": NUL}, "name"),
    ],
)
def test_directory_entries_with_a_nul_are_422(world, client_for, method, path, payload, field):
    org = world.org.pk
    payload = {k: org if v == "{org}" else v for k, v in payload.items()}
    response = getattr(client_for(world.admin), method)(path.format(org=org), payload)
    _refused(response, field)


def test_an_upload_claiming_a_type_with_a_nul_is_stored_as_plain_bytes(world, client_for):
    ticket = world.ticket()
    upload = SimpleUploadedFile("trace.dat7", b"\x00\x01", content_type="application/x-\x00trace")
    response = client_for(world.agent).upload(f"/tickets/{ticket.number}/attachments", {"file": upload})
    assert response.status_code == 201, response.json()
    assert response.json()["content_type"] == "application/octet-stream"
    assert Attachment.objects.get().content_type == "application/octet-stream"
