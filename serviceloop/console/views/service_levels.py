"""Service-level pages of the console: taking charge of an emergency, and the supervisors' board."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from serviceloop.core.errors import ServiceError
from serviceloop.sla.services import board, emergency
from serviceloop.tickets.milestones import Milestone
from serviceloop.tickets.services import record_milestone

from ..access import board_view, console_view, is_htmx, load_ticket


@console_view
@require_POST
def take_charge(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    try:
        emergency.take_charge(request.user, ticket, timezone.now())
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You have taken charge of this emergency; it is no longer pinned."))
    return redirect(reverse("console:ticket", args=[ticket.number]))


class MilestoneForm(forms.Form):
    milestone = forms.ChoiceField(label=_("Milestone"), choices=Milestone.choices)
    at = forms.DateTimeField(
        label=_("When"), required=False, help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


@console_view
@require_POST
def post_milestone(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {errors[0]}"
            )
    else:
        data = form.cleaned_data
        try:
            record_milestone(request.user, ticket, data["milestone"], at=data["at"], note=data["note"])
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Recorded: %(milestone)s.") % {"milestone": Milestone(data["milestone"]).label}
            )
    return redirect(reverse("console:ticket", args=[ticket.number]))


@board_view
@require_GET
def service_level_board(request: HttpRequest) -> HttpResponse:
    context = {"board": board.board(request.user, timezone.now()), "nav": "board"}
    template = "console/board/_board.html" if is_htmx(request) else "console/board/page.html"
    return render(request, template, context)
