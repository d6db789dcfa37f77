"""A customer submits a request in the portal, reads our reply and confirms the fix works."""

import re

import pytest

from serviceloop.tickets.models import Status, Ticket
from serviceloop.tickets.services import add_message, transition

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_submits_sees_reply_and_confirms_fix(page, world, screenshot, tmp_path):
    log_in(page, world.customer.username)
    page.goto("/portal/new/")
    page.fill("input[name=subject]", "Coolant pump leaks")
    page.select_option("select[name=machine]", str(world.machine_a.pk))
    page.fill("textarea[name=description]", "Since Monday the coolant pump leaks under the lathe.")
    log_file = tmp_path / "pump.log"
    log_file.write_text("E101 pressure low\n")
    page.set_input_files("input[type=file]", str(log_file))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/portal/tickets/SL-\d{4}-\d{6}/"))
    ticket = Ticket.objects.get(subject="Coolant pump leaks")
    assert ticket.organisation == world.org and ticket.machine == world.machine_a
    assert ticket.attachments.get().filename == "pump.log"
    assert page.get_by_text(ticket.number).first.is_visible()

    # Our agent answers and asks the customer to verify (through the same services the console uses).
    transition(world.agent, ticket, "take")
    add_message(world.agent, ticket, "Please tighten the pump flange bolts to 25 Nm.")
    add_message(world.agent, ticket, "Probably a worn seal", internal=True)
    transition(world.agent, ticket, "request_verification")

    page.reload()
    assert page.get_by_text("Please tighten the pump flange bolts to 25 Nm.").is_visible()
    assert page.get_by_text("Probably a worn seal").count() == 0
    screenshot("portal-ticket-awaiting-verification")
    page.get_by_role("button", name="The fix works").click()
    page.wait_for_load_state()
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    screenshot("portal-ticket-resolved")
    page.goto("/portal/")
    assert page.get_by_text(ticket.number).first.is_visible()
    screenshot("portal-ticket-list")
