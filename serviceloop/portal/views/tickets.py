"""The customer's tickets: the list, one ticket's page, replying and answering a proposed fix."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from serviceloop.channels.intake import receive
from serviceloop.core import policy
from serviceloop.core.errors import ServiceError
from serviceloop.tickets.lifecycle import available_actions
from serviceloop.tickets.models import Channel, Status, Ticket
from serviceloop.tickets.models.ticket import OPEN_STATUSES
from serviceloop.tickets.services import TicketFilter, add_message, filter_tickets, visible_messages

from ..forms import PORTAL_ACTIONS, ActionForm, ReplyForm, TicketSearchForm, as_uploads, describe_files
from ..services import answer_fix
from .access import customer_required, not_found, visible_ticket

PAGE_SIZE = 25
_STATES: dict[str, list[str]] = {
    "open": sorted(OPEN_STATUSES),
    "closed": sorted(set(Status.values) - OPEN_STATUSES),
    "all": [],
}
_DONE = {
    "confirm_fix": gettext_lazy("Thank you for confirming. We have marked %(number)s as resolved."),
    "reject_fix": gettext_lazy("Thank you. %(number)s is reopened and we are working on it again."),
    "reopen": gettext_lazy("%(number)s is reopened. We will get back to you."),
}


@require_GET
@customer_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    form = TicketSearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    state = data.get("state") or "all"
    wanted = TicketFilter(view="all", status=_STATES[state], q=data.get("q", ""), sort="updated")
    try:
        tickets = filter_tickets(request.user, wanted, Ticket.objects.select_related("machine__model"))
    except ServiceError as exc:
        form.add_error(None, exc.message)
        tickets = Ticket.objects.none()
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "state": state, "states": TicketSearchForm.STATES,
               "q": data.get("q", "")}  # fmt: skip
    return render(request, "portal/ticket_list.html", context)


def _page(request: HttpRequest, ticket: Ticket, *, reply_form: ReplyForm | None = None,
          action_form: ActionForm | None = None, status: int = 200) -> HttpResponse:  # fmt: skip
    user = request.user
    actions = {a.name for a in available_actions(ticket.status)
               if a.name in PORTAL_ACTIONS and policy.can_transition(user, a.name)}  # fmt: skip
    context = {
        "ticket": ticket,
        "conversation": visible_messages(user, ticket),
        "commitments": ticket.commitments.filter(fulfilled_at__isnull=True),
        "actions": actions,
        "reply_form": reply_form or ReplyForm(),
        "action_form": action_form,
        "failed_action": action_form.data.get("action") if action_form is not None else "",
    }
    return render(request, "portal/ticket_detail.html", context, status=status)


@require_GET
@customer_required
def ticket_detail(request: HttpRequest, number: str) -> HttpResponse:
    ticket = visible_ticket(request, number)
    return not_found(request) if ticket is None else _page(request, ticket)


def _back_to(ticket: Ticket, anchor: str = "") -> HttpResponse:
    return redirect(reverse("portal:ticket", args=[ticket.number]) + anchor)


@require_POST
@customer_required
def reply(request: HttpRequest, number: str) -> HttpResponse:
    ticket = visible_ticket(request, number)
    if ticket is None:
        return not_found(request)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, ticket, reply_form=form, status=400)
    body, files = form.cleaned_data["body"], form.cleaned_data["attachments"]
    payload = {"form": "portal.reply", "ticket": ticket.number, "body": body,
               "attachments": describe_files(files)}  # fmt: skip
    user: Any = request.user
    try:
        receive(
            "portal",
            payload,
            user,
            lambda: add_message(user, ticket, body, channel=Channel.PORTAL, uploads=as_uploads(files)),
        )
    except ServiceError as exc:
        form.add_service_error(exc)
        return _page(request, ticket, reply_form=form, status=exc.status)
    messages.success(request, _("Your message has been sent."))
    return _back_to(ticket, "#latest")


@require_POST
@customer_required
def action(request: HttpRequest, number: str) -> HttpResponse:
    ticket = visible_ticket(request, number)
    if ticket is None:
        return not_found(request)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, action_form=form, status=400)
    name, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    payload = {"form": "portal.action", "ticket": ticket.number, "action": name, "comment": comment}
    user: Any = request.user
    try:
        receive("portal", payload, user, lambda: answer_fix(user, ticket, name, comment))
    except ServiceError as exc:
        form.add_service_error(exc)
        return _page(request, ticket, action_form=form, status=exc.status)
    messages.success(request, str(_DONE[name]) % {"number": ticket.number})
    return _back_to(ticket)
