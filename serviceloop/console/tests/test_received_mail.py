"""The received-mail pages: who sees them, the source, and processing a failed mail again."""

from __future__ import annotations

import pytest

from serviceloop.channels.mail import inbox
from serviceloop.channels.models import InboundMail, Mailbox
from serviceloop.channels.tests.mailfactory import build_mail

pytestmark = pytest.mark.django_db

RAW = (
    b"From: anna@mueller.test\r\nSubject: Broken <b>mail</b>\r\nMessage-ID: <f1@client.test>\r\n\r\nhello\r\n"
)


@pytest.fixture
def failed_mail(world):
    mail = inbox.store(RAW, "pipe").mail
    InboundMail.objects.filter(pk=mail.pk).update(
        state=InboundMail.State.FAILED, reason="could not be processed: bug", subject="Broken <b>mail</b>"
    )
    return InboundMail.objects.get(pk=mail.pk)


def test_administrators_see_failed_mail_with_its_reason(client, world, failed_mail):
    client.force_login(world.admin)
    page = client.get("/console/mail/").content.decode()
    assert "could not be processed: bug" in page and "Broken &lt;b&gt;mail&lt;/b&gt;" in page
    assert client.get("/console/mail/?state=ignored").content.decode().count("could not be processed") == 0


def test_agents_and_customers_are_kept_out(client, world, failed_mail):
    client.force_login(world.agent)
    assert client.get("/console/mail/").status_code == 403
    assert client.get(f"/console/mail/{failed_mail.pk}/source/").status_code == 403
    client.force_login(world.customer)
    assert client.get(f"/console/mail/{failed_mail.pk}/").status_code == 403


def test_the_source_is_shown_escaped_and_downloads_byte_for_byte(client, world, failed_mail):
    client.force_login(world.supervisor)
    page = client.get(f"/console/mail/{failed_mail.pk}/").content.decode()
    assert "Message-ID: &lt;f1@client.test&gt;" in page
    download = client.get(f"/console/mail/{failed_mail.pk}/source/")
    assert download.content == RAW and download["Content-Type"] == "message/rfc822"
    assert client.get("/console/mail/999999/").status_code == 404


def test_processing_again_turns_the_fixed_mail_into_a_ticket(client, world, failed_mail):
    client.force_login(world.admin)
    response = client.post(f"/console/mail/{failed_mail.pk}/retry/", follow=True)
    failed_mail.refresh_from_db()
    assert failed_mail.state == InboundMail.State.PROCESSED and failed_mail.ticket is not None
    assert failed_mail.ticket.number in response.content.decode()
    assert client.get(f"/console/mail/{failed_mail.pk}/retry/").status_code == 405


def test_quoted_history_of_a_mail_is_folded_on_the_ticket_page(client, world):
    body = (
        "The belt arrived, thanks.\n\nOn Mon, 2 Nov 2026, Support wrote:\n> Try the new belt <b>first</b>.\n"
    )
    mail = inbox.ingest(build_mail(body=body), "pipe")
    assert mail.ticket is not None
    client.force_login(world.agent)
    page = client.get(f"/console/tickets/{mail.ticket.number}/").content.decode()
    shown, folded = page.split('<details class="quoted', 1)
    assert "The belt arrived, thanks." in shown and "Try the new belt" not in shown
    assert "Try the new belt &lt;b&gt;first&lt;/b&gt;" in folded.split("</details>")[0]


def test_mail_too_large_to_fetch_is_listed_with_its_mailbox_and_folder(client, world):
    listed = {"uid": "7", "size": 42_000_000, "from": "li.si@customer.test", "from_name": "李四",
              "subject": "Vibration <video>", "date": "2026-11-23T09:15:00+08:00"}  # fmt: skip
    Mailbox.objects.create(name="Service Asia", address="asia@serviceloop.test", imap_folder="Inbox/Asia",
                           waiting_too_large=[listed])  # fmt: skip
    Mailbox.objects.create(name="Retired", address="old@serviceloop.test", is_active=False,
                           waiting_too_large=[{**listed, "subject": "From a retired mailbox"}])  # fmt: skip
    client.force_login(world.supervisor)
    page = client.get("/console/mail/").content.decode()
    assert "Too large to fetch" in page and "Inbox/Asia" in page and "Service Asia" in page
    assert "li.si@customer.test" in page and "Vibration &lt;video&gt;" in page and "40.1" in page
    assert "From a retired mailbox" not in page


def test_no_large_mail_no_section(client, world):
    client.force_login(world.supervisor)
    assert "Too large to fetch" not in client.get("/console/mail/").content.decode()
