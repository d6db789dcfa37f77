"""Through the API too, a supplier's technician never reaches another supplier's ticket: not by its
number or id, a search, a list, or a file's link; its own supplier reads it with the shared notes only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from serviceloop.tickets.services import Upload, add_message

SUBJECT = "Hydraulic accumulator loses pressure overnight"
SHARED_NOTE = "Seal batch 7 is suspect, please check"
PRIVATE_NOTE = "Invoice 4711 still unpaid, do not ship parts"


def upload(name: str, content: bytes) -> Upload:
    return Upload(name=name, content_type="text/plain", content=SimpleUploadedFile(name, content),
                  size=len(content))  # fmt: skip


@pytest.fixture
def case(world):
    ticket = world.ticket(machine_id=world.machine_a.pk, subject=SUBJECT)
    public = add_message(world.agent, ticket, "Log attached.", uploads=[upload("trace.log", b"E42")])
    shared = add_message(world.engineer, ticket, SHARED_NOTE, internal=True, share_with_partner=True,
                         uploads=[upload("seal.txt", b"batch 7")])  # fmt: skip
    private = add_message(world.engineer, ticket, PRIVATE_NOTE, internal=True,
                          uploads=[upload("invoice.txt", b"4711")])  # fmt: skip
    files = {m.body: m.attachments.get().pk for m in (public, shared, private)}
    return ticket, files


def numbers(response) -> list[str]:
    assert response.status_code == 200
    return [item["number"] for item in response.json()["items"]]


def test_the_other_supplier_cannot_read_the_ticket_or_anything_on_it(world, client_for, case):
    ticket, _ = case
    api = client_for(world.partner_b_tech)
    for ref in (ticket.number, str(ticket.pk)):
        for path in ("", "/messages", "/history", "/solution-plans", "/escalations", "/remote-sessions"):
            response = api.get(f"/tickets/{ref}{path}")
            assert response.status_code == 404, path
            assert SUBJECT not in response.content.decode()
    response = api.post(f"/tickets/{ticket.number}/messages", {"body": "x", "internal": True})
    assert response.status_code == 404
    assert ticket.messages.count() == 4


def test_the_other_supplier_lists_and_searches_it_nowhere(world, client_for, case):
    ticket, _ = case
    api = client_for(world.partner_b_tech)
    for query in ("", ticket.number, "accumulator", world.machine_a.serial_number):
        assert numbers(api.get("/tickets", {"view": "all", "q": query})) == [], query
    assert numbers(api.get("/tickets", {"view": "all", "organisation_id": world.org.pk})) == []
    # Its own supplier finds it by the same searches.
    mine = client_for(world.partner_a_tech)
    for query in ("", "accumulator", world.machine_a.serial_number):
        assert numbers(mine.get("/tickets", {"view": "all", "q": query})) == [ticket.number], query


def test_the_other_supplier_downloads_none_of_its_files(world, client_for, case):
    _, files = case
    api = client_for(world.partner_b_tech)
    for pk in files.values():
        response = api.get(f"/attachments/{pk}")
        assert response.status_code == 404
        # The same answer as for a file that does not exist: nothing tells them it does.
        assert response.json()["detail"] == f"No attachment {pk}."


def test_its_own_supplier_reads_the_ticket_with_the_shared_notes_only(world, client_for, case):
    ticket, files = case
    api = client_for(world.partner_a_tech)
    assert api.get(f"/tickets/{ticket.number}").json()["subject"] == SUBJECT
    bodies = [m["body"] for m in api.get(f"/tickets/{ticket.number}/messages").json()["items"]]
    assert SHARED_NOTE in bodies and PRIVATE_NOTE not in bodies
    assert api.get(f"/attachments/{files['Log attached.']}").status_code == 200
    assert api.get(f"/attachments/{files[SHARED_NOTE]}").status_code == 200
    assert api.get(f"/attachments/{files[PRIVATE_NOTE]}").status_code == 404
