"""Who may use the portal, and the answers every portal page shares."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from serviceloop.core import policy
from serviceloop.core.errors import NotFound
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import get_visible_ticket


def customer_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Customers of an organisation only; service staff and partners belong in the console."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user: Any = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if policy.can_use_console(user):
            return redirect("home")
        if not (policy.is_customer(user) and user.organisation_id):
            return render(request, "portal/no_access.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def not_found(request: HttpRequest) -> HttpResponse:
    # The same page whether the ticket does not exist or belongs to someone else.
    return render(request, "portal/not_found.html", status=404)


def visible_ticket(request: HttpRequest, number: str) -> Ticket | None:
    try:
        return get_visible_ticket(request.user, number, Ticket.objects.select_related("machine__model"))
    except NotFound:
        return None
