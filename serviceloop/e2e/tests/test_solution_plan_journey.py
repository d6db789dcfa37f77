"""The closed loop in the browser: the supplier's technician proposes a plan, the manager approves
it, the customer reads it in the portal and confirms the fix."""

import re

import pytest

from serviceloop.solutions.models import PlanState, SolutionPlan
from serviceloop.tickets.models import Status, Ticket
from serviceloop.tickets.services import transition

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page) -> None:
    page.context.clear_cookies()


def test_partner_proposes_manager_approves_customer_confirms(page, world, screenshot):
    ticket = world.ticket(machine_id=world.machine_a.pk, subject="Hydraulic pressure drops under load")
    transition(world.agent, ticket, "take")  # the desk has it; the supplier makes the fix

    log_in(page, world.partner_a_tech.username)
    page.goto(f"/console/tickets/{ticket.number}/")
    editor = page.locator("#plan-editor")
    if editor.get_attribute("open") is None:
        editor.locator("summary").click()
    editor.locator("textarea[name=cause]").fill("The pressure relief valve seal is worn.")
    steps = "Isolate the hydraulic unit\nReplace the valve seal\nTest at 180 bar"
    editor.locator("textarea[name=steps]").fill(steps)
    editor.locator("textarea[name=resources]").fill("Spare part | Seal kit HV-20 | 1")
    editor.locator("select[name=delivery]").select_option("on_site")
    editor.locator("input[name=estimated_hours]").fill("3")
    screenshot("console-partner-plan")
    editor.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    plan = SolutionPlan.objects.get(ticket=ticket)
    assert (plan.state, plan.author) == (PlanState.SUBMITTED, world.partner_a_tech)
    assert Ticket.objects.get(pk=ticket.pk).status == Status.SOLUTION_PROPOSED
    log_out(page)

    log_in(page, world.manager.username)
    page.goto(f"/console/tickets/{ticket.number}/")
    page.get_by_text("The pressure relief valve seal is worn.").first.wait_for()
    page.fill("#plan-review-comment", "Go ahead; bring a spare seal.")
    page.locator("#plan-review").get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    plan.refresh_from_db()
    assert (plan.state, plan.reviewer) == (PlanState.APPROVED, world.manager)
    screenshot("console-plan-approved")
    log_out(page)

    ticket.refresh_from_db()
    transition(world.agent, ticket, "start_work")
    transition(world.agent, ticket, "request_verification")

    log_in(page, world.customer.username)
    page.goto(f"/portal/tickets/{ticket.number}/")
    page.get_by_text("Replace the valve seal").first.wait_for()  # the approved plan, in writing
    assert page.get_by_text("bring a spare seal").count() == 0  # the review comment stays inside
    screenshot("portal-plan-to-verify")
    page.get_by_role("button", name=re.compile("The fix works")).click()
    page.wait_for_load_state()
    assert Ticket.objects.get(pk=ticket.pk).status == Status.RESOLVED
    screenshot("portal-fix-confirmed")
