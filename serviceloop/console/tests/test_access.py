from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from serviceloop.tickets.services import Upload, add_message

from .conftest import numbers_in, text_of


def test_anonymous_is_sent_to_login(client, world):
    ticket = world.ticket()
    for url in (
        reverse("console:queue"),
        reverse("console:ticket", args=[ticket.number]),
        reverse("console:phone"),
        reverse("console:lookup") + "?q=Mü",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_customer_gets_no_console(login, world):
    ticket = world.ticket()
    client = login(world.customer)
    for url in (
        reverse("console:queue"),
        reverse("console:ticket", args=[ticket.number]),
        reverse("console:phone"),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert ticket.subject not in text_of(response)
    response = client.post(reverse("console:message", args=[ticket.number]), {"body": "hi", "kind": "reply"})
    assert response.status_code == 403
    assert ticket.messages.count() == 1


def test_home_sends_console_users_to_the_queue(login, world):
    response = login(world.agent).get(reverse("home"))
    assert response["Location"] == reverse("console:queue")


def test_partner_sees_only_own_suppliers_tickets(login, world):
    mine = world.ticket(machine_id=world.machine_a.pk, subject="Hydra pump leaks")
    theirs = world.ticket(machine_id=world.machine_b.pk, subject="Spark controller resets")
    client = login(world.partner_a_tech)
    html = text_of(client.get(reverse("console:queue") + "?view=all"))
    assert numbers_in(html) == [mine.number]
    assert "Spark controller resets" not in html
    assert client.get(reverse("console:ticket", args=[mine.number])).status_code == 200
    assert client.get(reverse("console:ticket", args=[theirs.number])).status_code == 404
    # Nor can it write on, or act on, a ticket it cannot see.
    response = client.post(reverse("console:message", args=[theirs.number]), {"body": "x", "kind": "note"})
    assert response.status_code == 404
    assert theirs.messages.count() == 1


def test_partner_may_not_take_phone_calls(login, world):
    assert login(world.partner_a_tech).get(reverse("console:phone")).status_code == 403


def test_attachment_download_checks_visibility(login, world):
    ticket = world.ticket(machine_id=world.machine_a.pk)
    upload = Upload(
        name="trace.log", content_type="text/plain", content=SimpleUploadedFile("x", b"E42"), size=3
    )
    message = add_message(world.agent, ticket, "log attached", uploads=[upload])
    attachment = message.attachments.get()
    url = reverse("console:attachment", args=[attachment.pk])

    response = login(world.agent).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"E42"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"

    assert login(world.partner_a_tech).get(url).status_code == 200
    assert login(world.partner_b_tech).get(url).status_code == 404
    assert login(world.customer).get(url).status_code == 403
    assert login(world.agent).get(reverse("console:attachment", args=[attachment.pk + 99])).status_code == 404
