"""Service-level pages of the console: taking charge of an emergency, and the supervisors' board."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from serviceloop.core.errors import ServiceError
from serviceloop.sla.services import board, emergency

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


@board_view
@require_GET
def service_level_board(request: HttpRequest) -> HttpResponse:
    context = {"board": board.board(request.user, timezone.now()), "nav": "board"}
    template = "console/board/_board.html" if is_htmx(request) else "console/board/page.html"
    return render(request, template, context)
