"""The approved plan in writing for the customer: a public reply on the ticket, so the portal shows it
and the mail channel sends it in the conversation's thread, in the contact's language."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from serviceloop.channels.mail.templates import audience
from serviceloop.tickets.models import Message
from serviceloop.tickets.services import add_message

from ..models import Delivery, SolutionPlan


def customer_text(plan: SolutionPlan, language: str) -> str:
    with translation.override(language):
        context = {
            "number": plan.ticket.number,
            "version": plan.version,
            "cause": plan.cause,
            "steps": plan.steps,
            "resources": plan.resource_lines,
            "delivery": str(Delivery(plan.delivery).label) if plan.delivery in Delivery.values else "",
            "hours": plan.estimated_hours,
            "risks": plan.risks,
        }
        return render_to_string("solutions/customer_plan.txt", context).strip() + "\n"


def send_to_customer(actor: Any, plan: SolutionPlan, *, channel: str) -> Message:
    language = audience(plan.ticket).language
    return add_message(actor, plan.ticket, customer_text(plan, language), channel=channel)
