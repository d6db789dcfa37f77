"""An agent logs a phone call and replies; a supplier's technician cannot open another supplier's ticket."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Channel, Message, Ticket

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_logs_a_phone_call_and_replies(page, world, screenshot):
    log_in(page, world.agent.username)
    screenshot("console-queue-empty")
    page.goto("/console/phone/")
    page.fill("#lookup-q", "CL200-0001")  # the caller reads the serial number off the machine
    page.get_by_role("link", name="Use for this call").first.click()
    page.wait_for_selector(f"select[name=machine] option[value='{world.machine_a.pk}']", state="attached")
    page.select_option("select[name=machine]", str(world.machine_a.pk))
    page.fill("input[name=caller_name]", "Anna Müller")
    page.fill("input[name=subject]", "Spindle alarm 2041 after restart")
    page.fill("textarea[name=description]", "Alarm 2041 whenever the spindle exceeds 3000 rpm.")
    page.fill("input[name=promise]", "Call back with the engineer's diagnosis")
    called = timezone.localtime(timezone.now() - timedelta(minutes=20))
    page.fill("input[name=received_at]", called.strftime("%Y-%m-%dT%H:%M"))
    screenshot("console-phone-form")
    page.get_by_role("button", name="Open the ticket").click()
    page.wait_for_url(re.compile(r"/console/tickets/SL-\d{4}-\d{6}/"))

    ticket = Ticket.objects.get(subject="Spindle alarm 2041 after restart")
    assert ticket.channel == Channel.PHONE and ticket.machine == world.machine_a
    assert abs((ticket.received_at - called).total_seconds()) < 60
    assert ticket.commitments.get().promise == "Call back with the engineer's diagnosis"
    assert Receipt.objects.get(ticket=ticket).source == "phone"

    page.fill("#editor textarea", "Please send us a photo of the alarm screen.")
    page.get_by_role("button", name="Send public reply").click()
    page.locator("#timeline").get_by_text("Please send us a photo of the alarm screen.").wait_for()
    reply = ticket.messages.get(body="Please send us a photo of the alarm screen.")
    assert reply.kind == Message.Kind.REPLY and reply.author == world.agent
    screenshot("console-ticket")
    page.goto("/console/?view=all")
    assert page.get_by_text(ticket.number).first.is_visible()
    screenshot("console-queue")


def test_supplier_technician_cannot_open_another_suppliers_ticket(page, world, screenshot):
    own = world.ticket(machine_id=world.machine_a.pk, subject="Hydraulic pressure drops")
    foreign = world.ticket(machine_id=world.machine_b.pk, subject="Controller reboots")
    log_in(page, world.partner_a_tech.username)
    page.goto("/console/?view=all")
    assert page.get_by_text(own.number).first.is_visible()
    assert page.get_by_text(foreign.number).count() == 0
    response = page.goto(f"/console/tickets/{foreign.number}/")
    assert response is not None and response.status == 404
    assert page.get_by_text("Controller reboots").count() == 0
    screenshot("console-partner-404")
    response = page.goto(f"/console/tickets/{own.number}/")
    assert response is not None and response.status == 200


def test_agent_takes_two_tickets_at_once_from_the_queue(page, world, screenshot):
    first = world.ticket(subject="Coolant pump stopped")
    second = world.ticket(subject="Door switch faulty")
    untouched = world.ticket(subject="Manual requested")
    log_in(page, world.agent.username)
    page.goto("/console/?view=all&sort=oldest")
    page.keyboard.press("j")  # the first row, the oldest ticket
    page.keyboard.press("x")
    page.get_by_label(f"Select {second.number}").check()
    page.get_by_text("2 selected").wait_for()
    page.get_by_role("button", name="Assign to me").click()
    page.get_by_text("2 changed, 0 refused.").wait_for()
    assert page.locator("#view-count-mine").inner_text() == "2"  # the side's counts follow
    screenshot("console-bulk")
    assert {t.assignee_id for t in Ticket.objects.filter(pk__in=[first.pk, second.pk])} == {world.agent.pk}
    assert Ticket.objects.get(pk=untouched.pk).assignee_id is None
