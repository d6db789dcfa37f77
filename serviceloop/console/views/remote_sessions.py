"""After the fix, on the ticket page: remote assistance sessions, and the customer's verification
(the rounds asked, and a customer's answer given by phone)."""

from __future__ import annotations

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
from serviceloop.solutions.models import SUGGESTED_TOOLS, Outcome
from serviceloop.solutions.services import remote_sessions, verification
from serviceloop.tickets.models import Channel, Status, Ticket

from ..access import console_view, load_ticket
from ..errors import attach_service_error

PAGE = "console/ticket/page.html"


_MOMENT = {"type": "datetime-local"}


class RemoteSessionForm(forms.Form):
    tool = forms.CharField(
        label=gettext_lazy("Tool"),
        max_length=100,
        widget=forms.TextInput(attrs={"list": "remote-session-tools"}),
    )
    started_at = forms.DateTimeField(label=gettext_lazy("Started"), widget=forms.DateTimeInput(attrs=_MOMENT))
    ended_at = forms.DateTimeField(label=gettext_lazy("Ended"), widget=forms.DateTimeInput(attrs=_MOMENT))
    summary = forms.CharField(
        label=gettext_lazy("What was done"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PhoneAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("The customer says"),
        choices=[(Outcome.WORKS, gettext_lazy("It works")), (Outcome.NOT_FIXED, gettext_lazy("Not fixed"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


def after_fix_panel(user: Any, ticket: Ticket, session_form: RemoteSessionForm | None = None,
                    phone_form: PhoneAnswerForm | None = None) -> dict[str, Any]:  # fmt: skip
    """What the panel shows `user`: sessions and rounds they may read, the forms they may use."""
    can_see = policy.can_see_remote_sessions(user)
    can_phone = (
        ticket.status == Status.AWAITING_VERIFICATION
        and policy.is_staff(user)
        and policy.can_transition(user, "confirm_fix")
    )
    return {
        "sessions": list(remote_sessions.visible_sessions(user, ticket)) if can_see else [],
        "can_see_sessions": can_see,
        "can_record_session": policy.can_record_remote_sessions(user),
        "session_form": session_form or RemoteSessionForm(),
        "tools": SUGGESTED_TOOLS,
        "rounds": verification.rounds(ticket) if policy.is_staff(user) or policy.is_partner(user) else [],
        "can_record_phone_answer": can_phone,
        "phone_form": phone_form or PhoneAnswerForm(),
    }


def _page(request: HttpRequest, ticket: Ticket, status: int, **forms: Any) -> HttpResponse:
    from ..ticket_page import ticket_context  # the ticket page builds this panel: imported when used

    return render(request, PAGE, ticket_context(request, ticket, **forms), status=status)


@console_view
@require_POST
def post_remote_session(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = RemoteSessionForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, 422, session_form=form)
    data = form.cleaned_data
    try:
        remote_sessions.record_session(
            request.user, ticket, tool=data["tool"], started_at=data["started_at"], ended_at=data["ended_at"],
            summary=data["summary"], channel=Channel.CONSOLE,
        )  # fmt: skip
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, exc.status, session_form=form)
    messages.success(request, _("The remote assistance session was recorded."))
    return redirect(reverse("console:ticket", args=[ticket.number]) + "#remote-sessions")


@console_view
@require_POST
def post_phone_answer(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = PhoneAnswerForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, 422, phone_form=form)
    data = form.cleaned_data
    try:
        verification.record_phone_answer(request.user, ticket, data["outcome"], data["note"])
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, exc.status, phone_form=form)
    done = (
        _("Recorded: the customer confirmed by phone that it works; the ticket is resolved.")
        if data["outcome"] == Outcome.WORKS
        else _("Recorded: the customer said by phone that it is not fixed; the ticket is reopened.")
    )
    messages.success(request, done)
    return redirect(reverse("console:ticket", args=[ticket.number]) + "#verification")
