"""The solution plan panel of the ticket page: write and submit a plan, review it, read its versions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from serviceloop.core import policy
from serviceloop.core.errors import ServiceError
from serviceloop.solutions import services as plans
from serviceloop.solutions.models import Delivery, PlanState, ResourceKind, SolutionPlan
from serviceloop.tickets.models import Channel, Ticket

from ..access import console_view, load_ticket
from ..errors import attach_service_error

PAGE = "console/ticket/page.html"


def _resource_kind(text: str) -> str | None:
    wanted = " ".join(text.lower().replace("_", " ").split())
    for value, label in ResourceKind.choices:
        if wanted in (value.replace("_", " "), str(label).lower()):
            return value
    return None


class PlanForm(forms.Form):
    cause = forms.CharField(
        label=gettext_lazy("Cause analysis"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    steps = forms.CharField(
        label=gettext_lazy("Steps"),
        required=False,
        max_length=50_000,
        help_text=gettext_lazy("One step per line, in order."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    resources = forms.CharField(
        label=gettext_lazy("Tools and resources"),
        required=False,
        max_length=50_000,
        help_text=gettext_lazy(
            "One per line: kind | description | quantity, e.g. Spare part | Bearing 7014 | 2. "
            "Kinds: software, spare part, instrument, other."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    delivery = forms.ChoiceField(
        label=gettext_lazy("Delivery"), required=False, choices=[("", "—"), *Delivery.choices]
    )
    estimated_hours = forms.DecimalField(
        label=gettext_lazy("Estimated hours"),
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(10_000),
        decimal_places=1,
    )
    risks = forms.CharField(
        label=gettext_lazy("Risks"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @classmethod
    def for_plan(cls, plan: SolutionPlan | None) -> PlanForm:
        if plan is None:
            return cls()
        lines = [f"{r['kind_label']} | {r['description']} | {r['quantity']}" for r in plan.resource_lines]
        initial = {
            "cause": plan.cause,
            "steps": "\n".join(plan.steps),
            "resources": "\n".join(lines),
            "delivery": plan.delivery,
            "estimated_hours": plan.estimated_hours,
            "risks": plan.risks,
        }
        return cls(initial=initial)

    def clean_resources(self) -> list[dict[str, str]]:
        lines = []
        for number, line in enumerate(self.cleaned_data["resources"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            kind = _resource_kind(parts[0]) if len(parts) > 1 else ResourceKind.OTHER
            if kind is None or len(parts) > 3:
                raise forms.ValidationError(
                    _("Line %(number)s: write kind | description | quantity.") % {"number": number}
                )
            description = parts[1] if len(parts) > 1 else parts[0]
            lines.append(
                {"kind": kind, "description": description, "quantity": parts[2] if len(parts) > 2 else "1"}
            )
        return lines

    def content(self) -> plans.PlanContent:
        data = self.cleaned_data
        return plans.PlanContent.of(
            cause=data["cause"], steps=data["steps"].splitlines(), resources=data["resources"],
            delivery=data["delivery"], estimated_hours=data["estimated_hours"], risks=data["risks"],
        )  # fmt: skip


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=plans.Decision.choices, widget=forms.HiddenInput)
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


def plan_panel(user: Any, ticket: Ticket, plan_form: PlanForm | None = None,
               review_form: ReviewForm | None = None) -> dict[str, Any]:  # fmt: skip
    """What the panel shows: every version, the one being written, and what `user` may do with it."""
    versions = list(plans.visible_plans(user, ticket).order_by("-version"))
    current = versions[0] if versions else None
    can_write = policy.can_write_solution_plans(user) and not ticket.is_final
    waiting = current is not None and current.state == PlanState.SUBMITTED
    can_review = current is not None and waiting and plans.can_review(user, current)
    # A version sent back for changes is revised in a new one.
    starts_new = current is None or current.state != PlanState.DRAFT
    return {
        "versions": versions,
        "current": current,
        "can_write": can_write and not waiting,
        "starts_new": starts_new,
        "plan_form": plan_form or PlanForm.for_plan(current),
        "can_review": can_review,
        "review_form": review_form or ReviewForm(),
        "decisions": plans.Decision.choices,
    }


def _page(request: HttpRequest, ticket: Ticket, status: int, **forms: Any) -> HttpResponse:
    from ..ticket_page import ticket_context  # the ticket page builds this panel: imported when used

    return render(request, PAGE, ticket_context(request, ticket, **forms), status=status)


def _back(ticket: Ticket) -> HttpResponse:
    return redirect(reverse("console:ticket", args=[ticket.number]) + "#solution-plan")


@console_view
@require_POST
def post_plan(request: HttpRequest, number: str) -> HttpResponse:
    """Save the plan being written (a draft, or a new version), and submit it if asked."""
    ticket = load_ticket(request, number)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, 422, plan_form=form)
    try:
        plan = plans.latest_plan(ticket)
        if plan is not None and plan.is_editable:
            plan = plans.edit(request.user, plan, form.content(), channel=Channel.CONSOLE)
        else:
            plan = plans.start_version(request.user, ticket, form.content(), channel=Channel.CONSOLE)
        if "submit" in request.POST:
            plans.submit(request.user, plan, channel=Channel.CONSOLE)
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, exc.status, plan_form=form)
    done = (
        _("Version %(version)s was submitted for review.")
        if "submit" in request.POST
        else _("Version %(version)s was saved as a draft.")
    )
    messages.success(request, done % {"version": plan.version})
    return _back(ticket)


@console_view
@require_POST
def post_review(request: HttpRequest, number: str, version: int) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, 422, review_form=form)
    data = form.cleaned_data
    try:
        plan = plans.get_plan(request.user, ticket, version)
        plans.review(request.user, plan, data["decision"], data["comment"], channel=Channel.CONSOLE)
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, exc.status, review_form=form)
    messages.success(
        request,
        _("Version %(version)s is %(state)s.") % {"version": plan.version, "state": plan.get_state_display()},
    )
    return _back(ticket)
