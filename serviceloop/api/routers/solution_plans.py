"""Solution plans of a ticket: read the versions, draft and edit, submit, and review."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from serviceloop.solutions import services
from serviceloop.solutions.models import SolutionPlan
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import get_visible_ticket

from ..auth import actor
from ..errors import responses
from ..schemas.solution_plans import PlanIn, PlanOut, PlanPage, PlanPatch, ReviewIn

router = Router(tags=["solution plans"])


def _ticket(request: HttpRequest, ref: str) -> Ticket:
    return get_visible_ticket(actor(request), ref, queryset=Ticket.objects.select_related("product_model"))


def _plan(request: HttpRequest, ref: str, version: int) -> SolutionPlan:
    return services.get_plan(actor(request), _ticket(request, ref), version)


def _content(payload: Any, *, partial: bool) -> services.PlanContent:
    values = payload.model_dump(exclude_unset=partial)
    if "resources" in values and values["resources"] is not None:
        values["resources"] = [{**line, "quantity": str(line["quantity"])} for line in values["resources"]]
    return services.PlanContent.of(**values)


@router.get("/tickets/{ref}/solution-plans", response=responses({200: PlanPage}, 404))
def list_solution_plans(request: HttpRequest, ref: str):
    """Every version of the ticket's plan, oldest first; customers read approved plans only."""
    user = actor(request)
    return {"items": list(services.visible_plans(user, _ticket(request, ref)))}


@router.post("/tickets/{ref}/solution-plans", response=responses({201: PlanOut}, 400, 403, 404, 409))
def draft_solution_plan(request: HttpRequest, ref: str, payload: PlanIn):
    """Start a draft: the first version, or the next one as a copy of the latest with the fields sent."""
    plan = services.start_version(
        actor(request), _ticket(request, ref), _content(payload, partial=True), channel=Channel.API
    )
    return Status(201, plan)


@router.get("/tickets/{ref}/solution-plans/{version}", response=responses({200: PlanOut}, 404))
def read_solution_plan(request: HttpRequest, ref: str, version: int):
    return _plan(request, ref, version)


@router.patch(
    "/tickets/{ref}/solution-plans/{version}", response=responses({200: PlanOut}, 400, 403, 404, 409)
)
def update_solution_plan(request: HttpRequest, ref: str, version: int, payload: PlanPatch):
    """Change a draft. Changing a version sent back for changes starts (and answers) the next version."""
    plan = _plan(request, ref, version)
    return services.edit(actor(request), plan, _content(payload, partial=True), channel=Channel.API)


@router.post(
    "/tickets/{ref}/solution-plans/{version}/submit", response=responses({200: PlanOut}, 403, 404, 409)
)
def submit_solution_plan(request: HttpRequest, ref: str, version: int):
    """Send a draft to review; the ticket becomes 'solution proposed' when it can."""
    return services.submit(actor(request), _plan(request, ref, version), channel=Channel.API)


@router.post(
    "/tickets/{ref}/solution-plans/{version}/review", response=responses({200: PlanOut}, 400, 403, 404, 409)
)
def review_solution_plan(request: HttpRequest, ref: str, version: int, payload: ReviewIn):
    """Approve, reject or ask for changes (a comment is required for the last two). Approving mails the
    plan to the customer in their language."""
    plan = _plan(request, ref, version)
    return services.review(actor(request), plan, payload.decision, payload.comment, channel=Channel.API)
