"""A supplier never sees another supplier's ticket: not by its URL, a search, a file's link or a
notification; the ticket's own supplier sees it, with only the notes shared with it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from serviceloop.notifications.models import Notification
from serviceloop.tickets.models import Attachment, Ticket
from serviceloop.tickets.services import Upload, add_message, set_watching, transition, update_ticket

from .conftest import numbers_in, text_of

QUEUE = reverse("console:queue")
SUBJECT = "Hydraulic accumulator loses pressure overnight"
SHARED_NOTE = "Seal batch 7 is suspect, please check"
PRIVATE_NOTE = "Invoice 4711 still unpaid, do not ship parts"


@dataclass
class Case:
    ticket: Ticket
    public_file: Attachment
    shared_file: Attachment
    private_file: Attachment


def upload(name: str, content: bytes) -> Upload:
    return Upload(name=name, content_type="text/plain", content=SimpleUploadedFile(name, content),
                  size=len(content))  # fmt: skip


@pytest.fixture
def case(world) -> Case:
    """A ticket about partner A's lathe, with a file on a reply, on a shared note and on a private note."""
    ticket = world.ticket(machine_id=world.machine_a.pk, subject=SUBJECT)
    public = add_message(world.agent, ticket, "Log attached.", uploads=[upload("trace.log", b"E42")])
    shared = add_message(world.engineer, ticket, SHARED_NOTE, internal=True, share_with_partner=True,
                         uploads=[upload("seal.txt", b"batch 7")])  # fmt: skip
    private = add_message(world.engineer, ticket, PRIVATE_NOTE, internal=True,
                          uploads=[upload("invoice.txt", b"4711")])  # fmt: skip
    return Case(ticket, public.attachments.get(), shared.attachments.get(), private.attachments.get())


def test_the_other_supplier_cannot_open_the_ticket_or_act_on_it(login, world, case):
    client = login(world.partner_b_tech)
    number = case.ticket.number
    for url in (reverse("console:ticket", args=[number]), reverse("console:ticket", args=[case.ticket.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert SUBJECT not in text_of(response)
    assert (
        client.post(reverse("console:message", args=[number]), {"body": "x", "kind": "note"}).status_code
        == 404
    )
    assert client.post(reverse("console:watch", args=[number]), {"watch": "1"}).status_code == 404
    assert not case.ticket.watchers.filter(pk=world.partner_b_tech.pk).exists()
    assert case.ticket.messages.count() == 4


def test_the_other_supplier_finds_it_by_no_search(login, world, case):
    client = login(world.partner_b_tech)
    for query in (
        case.ticket.number,
        case.ticket.number.lower(),
        "accumulator",
        world.machine_a.serial_number,
    ):
        response = client.get(QUEUE, {"view": "all", "q": query})
        assert response.status_code == 200, query  # no jump to the ticket
        assert numbers_in(text_of(response)) == [], query
        assert SUBJECT not in text_of(response)
    lookup = text_of(client.get(reverse("console:lookup"), {"q": world.org.name}))
    assert case.ticket.number not in lookup and SUBJECT not in lookup
    # The same searches do find it for its own supplier: the test above can fail.
    mine = login(world.partner_a_tech)
    page = reverse("console:ticket", args=[case.ticket.number])
    assert mine.get(QUEUE, {"q": case.ticket.number})["Location"] == page
    assert numbers_in(text_of(mine.get(QUEUE, {"view": "all", "q": "accumulator"}))) == [case.ticket.number]


def test_the_other_supplier_downloads_no_file_from_console_or_portal(login, world, case):
    client = login(world.partner_b_tech)
    for item in (case.public_file, case.shared_file, case.private_file):
        assert client.get(reverse("console:attachment", args=[item.pk])).status_code == 404
        # The portal is for customers: a partner is sent home, exactly as for a file that does not exist.
        response = client.get(reverse("portal:attachment", args=[case.ticket.number, item.pk]))
        missing = client.get(reverse("portal:attachment", args=[case.ticket.number, item.pk + 999]))
        assert (response.status_code, response["Location"]) == (302, reverse("home"))
        assert (missing.status_code, missing["Location"]) == (302, reverse("home"))


def test_its_own_supplier_sees_the_ticket_and_only_the_shared_notes(login, world, case):
    client = login(world.partner_a_tech)
    html = text_of(client.get(reverse("console:ticket", args=[case.ticket.number])))
    assert SUBJECT in html and SHARED_NOTE in html
    assert PRIVATE_NOTE not in html and "invoice.txt" not in html
    for item, content in ((case.public_file, b"E42"), (case.shared_file, b"batch 7")):
        response = client.get(reverse("console:attachment", args=[item.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
    assert client.get(reverse("console:attachment", args=[case.private_file.pk])).status_code == 404


def test_the_customer_file_beside_the_ticket_hides_the_other_suppliers_tickets(login, world, case):
    theirs = world.ticket(machine_id=world.machine_b.pk, subject="Spark controller resets at night")
    html = text_of(login(world.partner_a_tech).get(reverse("console:ticket", args=[case.ticket.number])))
    assert theirs.number not in html and theirs.subject not in html
    assert world.machine_b.serial_number not in html
    staff_html = text_of(login(world.agent).get(reverse("console:ticket", args=[case.ticket.number])))
    assert theirs.number in staff_html  # staff see the organisation's other tickets there


def test_the_other_supplier_is_told_nothing_even_when_watching_or_assigned_by_mistake(login, world, case):
    """Staff may add partner B as a watcher or an assignee by mistake; it still hears nothing."""
    set_watching(world.agent, case.ticket, True, user=world.partner_b_tech)
    set_watching(world.agent, case.ticket, True, user=world.partner_a_tech)
    update_ticket(world.agent, case.ticket, {"assignee_id": world.partner_b_tech.pk})
    add_message(world.engineer, case.ticket, "Shared again.", internal=True, share_with_partner=True)
    add_message(world.customer, case.ticket, "The pressure dropped again.")
    transition(world.engineer, case.ticket, "take")
    assert not Notification.objects.filter(recipient=world.partner_b_tech).exists()
    notices = login(world.partner_b_tech).get(reverse("console:notifications"))
    assert notices.status_code == 200 and SUBJECT not in text_of(notices)
    # Partner A, watching the same ticket, was told of the shared note and the customer's answer.
    kinds = set(Notification.objects.filter(recipient=world.partner_a_tech).values_list("kind", flat=True))
    assert {"ticket.note_added", "ticket.replied"} <= kinds
