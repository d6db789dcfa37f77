"""Taking a phone call: the handling form, filled while talking or typed in afterwards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from serviceloop.channels.intake import receive
from serviceloop.core.errors import ServiceError
from serviceloop.tickets.services import create_ticket

from ..access import staff_view
from ..errors import attach_service_error
from ..forms.phone import PhoneForm
from .lookup import lookup_context

PAGE = "console/phone/page.html"
# Where `create_ticket` names a field differently from the form.
_FIELD_ALIASES = {"body": "description", "commitments": "promise", "channel": "executive"}


def _payload(request: HttpRequest) -> dict[str, Any]:
    """The post as typed, with the zone its times were typed in, for the receipt."""
    form = {key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    return {"form": form, "time_zone": str(timezone.get_current_timezone())}


def _render(request: HttpRequest, form: PhoneForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "nav": "phone", **lookup_context(request, request.GET.get("q", ""), pick=True)}
    return render(request, PAGE, context, status=status)


@staff_view
@require_http_methods(["GET", "POST"])
def phone(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        initial = {"organisation": request.GET["organisation"]} if request.GET.get("organisation") else {}
        return _render(request, PhoneForm(initial=initial, user=request.user))
    form = PhoneForm(request.POST, user=request.user)
    if not form.is_valid():
        return _render(request, form, status=422)
    try:
        ticket = receive(
            "phone", _payload(request), request.user, lambda: create_ticket(request.user, form.new_ticket())
        )
    except ServiceError as exc:
        attach_service_error(form, exc, _FIELD_ALIASES)
        return _render(request, form, status=exc.status)
    messages.success(request, _("Ticket %(number)s is open.") % {"number": ticket.number})
    return redirect("console:ticket", ticket.number)


@staff_view
@require_GET
def phone_customer(request: HttpRequest) -> HttpResponse:
    """The customer part of the form for the organisation picked in the lookup (an htmx fragment)."""
    form = PhoneForm(initial={"organisation": request.GET.get("organisation")}, user=request.user)
    return render(request, "console/phone/_customer.html", {"form": form})
