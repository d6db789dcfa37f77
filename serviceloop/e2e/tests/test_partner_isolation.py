"""In the browser: a supplier's technician finds nothing of another supplier's ticket, by search, by its
address or by its file's address; the ticket's own supplier finds and opens it."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from serviceloop.tickets.services import Upload, add_message

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "Hydraulic accumulator loses pressure overnight"


def search(page, query: str) -> None:
    page.goto("/console/?view=all")
    page.locator("#queue-filters input[name=q]").fill(query)
    page.locator("#queue-filters").get_by_role("button", name="Search").click()


def test_a_supplier_finds_nothing_of_another_suppliers_ticket(page, world, screenshot):
    ticket = world.ticket(machine_id=world.machine_a.pk, subject=SUBJECT)
    content = SimpleUploadedFile("trace.log", b"E42 pressure trace")
    log = Upload(name="trace.log", content_type="text/plain", content=content, size=content.size or 0)
    attachment = add_message(world.agent, ticket, "Pressure log attached.", uploads=[log]).attachments.get()
    attachment_url = f"/console/attachments/{attachment.pk}/"

    log_in(page, world.partner_b_tech.username)
    for query in (ticket.number, "accumulator"):
        search(page, query)
        results = page.locator("#queue-results")
        results.get_by_text(f"matching “{query}”").wait_for()
        results.get_by_text("No tickets match.").wait_for()
        # The number is still in the search box and the "matching" line; no row, no link to it.
        assert results.locator("[data-row-href]").count() == 0
        assert page.locator(f"a[href*='{ticket.number}']").count() == 0
        assert page.get_by_text(SUBJECT).count() == 0
    screenshot("console-partner-search-finds-nothing")
    response = page.goto(f"/console/tickets/{ticket.number}/")
    assert response is not None and response.status == 404
    assert page.get_by_text(SUBJECT).count() == 0
    response = page.goto(attachment_url)
    assert response is not None and response.status == 404
    assert page.get_by_text("E42 pressure trace").count() == 0
    screenshot("console-partner-attachment-404")
    page.context.clear_cookies()

    log_in(page, world.partner_a_tech.username)
    search(page, ticket.number)  # a full number opens the ticket at once
    page.wait_for_url(re.compile(rf"/console/tickets/{ticket.number}/$"))
    page.get_by_text(SUBJECT).first.wait_for()
    link = page.locator("#timeline").get_by_role("link", name="trace.log")
    assert link.get_attribute("href") == attachment_url
    download = page.request.get(attachment_url)
    assert download.status == 200 and download.body() == b"E42 pressure trace"
    screenshot("console-partner-own-ticket")
