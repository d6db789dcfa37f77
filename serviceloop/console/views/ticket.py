"""The ticket page, and the posts made from it: reply/note, lifecycle action, classification."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from serviceloop.core import policy
from serviceloop.core.errors import Conflict, ServiceError
from serviceloop.notifications.services import mark_read_for_ticket
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import add_message, set_watching, transition, update_ticket

from ..access import console_view, is_htmx, load_ticket
from ..errors import attach_service_error
from ..forms.ticket import EditForm, MessageForm, TransitionForm
from ..ticket_page import ticket_context
from ..timeline import build_timeline

PAGE = "console/ticket/page.html"


def _page(request: HttpRequest, ticket: Ticket, status: int = 200, **forms: object) -> HttpResponse:
    return render(request, PAGE, ticket_context(request, ticket, **forms), status=status)


def _ticket_url(ticket: Ticket, anchor: str = "") -> str:
    return reverse("console:ticket", args=[ticket.number]) + anchor


@console_view
@require_GET
def ticket_detail(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    mark_read_for_ticket(request.user, ticket)  # opening the ticket is reading what was said of it
    return _page(request, ticket)


@console_view
@require_POST
def post_message(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = MessageForm(request.POST, request.FILES)
    status = 422
    if form.is_valid():
        try:
            add_message(
                request.user,
                ticket,
                form.cleaned_data["body"],
                internal=form.is_note,
                channel=Channel.CONSOLE,
                uploads=form.uploads(),
                share_with_partner=form.cleaned_data["share_with_partner"],
            )
        except ServiceError as exc:
            attach_service_error(form, exc)
            status = exc.status
    if is_htmx(request):
        if form.errors:
            # htmx swaps only 2xx answers: the editor comes back with its errors in place of itself.
            notes = policy.can_write_internal_notes(request.user)
            context = {"ticket": ticket, "editor": form, "can_write_notes": notes}
            response = render(request, "console/ticket/_editor.html", context)
            return reswap(retarget(response, "#editor"), "outerHTML")
        context = {
            "ticket": ticket,
            "timeline": build_timeline(request.user, ticket),
            "editor": MessageForm(),
            "can_write_notes": policy.can_write_internal_notes(request.user),
        }
        return render(request, "console/ticket/_timeline_and_editor.html", context)
    if form.errors:
        return _page(request, ticket, status=status, editor=form)
    messages.success(request, _("Internal note added.") if form.is_note else _("Reply sent."))
    return redirect(_ticket_url(ticket, "#timeline-end"))


@console_view
@require_POST
def post_transition(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, status=422, transition_form=form)
    data = form.cleaned_data
    try:
        transition(
            request.user,
            ticket,
            data["action"],
            comment=data["comment"],
            expected_version=data["version"],
            merge_into=data["merge_into"] or None,
        )
    except ServiceError as exc:
        attach_service_error(form, exc, {"version": "__all__", "action": "__all__"})
        return _page(request, ticket, status=exc.status, transition_form=form)
    status = ticket.get_status_display()
    messages.success(
        request, _("%(number)s is now %(status)s.") % {"number": ticket.number, "status": status}
    )
    return redirect(_ticket_url(ticket))


@console_view
@require_POST
def post_edit(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = EditForm(request.POST, ticket=ticket, user=request.user)
    if not form.is_valid():
        return _page(request, ticket, status=422, edit_form=form)
    changes = form.changes()
    if not changes:
        messages.info(request, _("Nothing was changed."))
        return redirect(_ticket_url(ticket))
    try:
        update_ticket(request.user, ticket, changes, expected_version=form.cleaned_data["version"])
    except Conflict as exc:
        # Keep what the user typed, and the version they saw: saving again would meet the same refusal
        # until they reload and see the other person's change.
        form.add_error(None, exc.message)
        return _page(request, ticket, status=409, edit_form=form)
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, status=exc.status, edit_form=form)
    messages.success(request, _("%(number)s is saved.") % {"number": ticket.number})
    return redirect(_ticket_url(ticket))


@console_view
@require_POST
def post_watch(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    watch = request.POST.get("watch") == "1"
    try:
        set_watching(request.user, ticket, watch)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You are watching this ticket.") if watch else _("You stopped watching."))
    return redirect(_ticket_url(ticket))
