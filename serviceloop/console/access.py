"""Who gets into the console: staff and partner technicians; everyone else is turned away here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from serviceloop.core import policy
from serviceloop.core.errors import NotFound
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import get_visible_ticket


class HtmxRequest(HttpRequest):
    """A request that went through django-htmx's middleware (for type checking only)."""

    htmx: HtmxDetails


View = Callable[..., HttpResponseBase]


def _guard(allowed: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                return render(request, "console/denied.html", status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Staff and partner technicians.
console_view = _guard(policy.can_use_console)
# Taking a phone call opens a ticket for any organisation, which `create_ticket` allows staff only.
staff_view = _guard(policy.is_staff)
# Received mail that failed or was ignored: the desk's administrators and supervisors.
mail_admin_view = _guard(policy.can_manage_mail)
# The service-level board: supervisors, managers and quality staff.
board_view = _guard(policy.can_see_service_level_board)

TICKET_PAGE_RELATED = (
    "organisation",
    "contact",
    "machine__model",
    "product_model",
    "product_module",
    "fault_type",
    "team",
    "assignee",
    "merged_into",
)


def load_ticket(request: HttpRequest, number: str) -> Ticket:
    """The ticket the URL names if the user may see it; 404 otherwise, never 403."""
    queryset = Ticket.objects.select_related(*TICKET_PAGE_RELATED).defer(
        "search_document", "merged_into__search_document"
    )
    try:
        return get_visible_ticket(request.user, number, queryset=queryset)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request that wants a fragment (not a boosted page or a history restore)."""
    details: HtmxDetails | None = getattr(request, "htmx", None)
    return (
        details is not None and bool(details) and not details.boosted and not details.history_restore_request
    )
