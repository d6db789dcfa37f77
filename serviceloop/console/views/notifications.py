"""A person's notifications: what the service levels (and later other capabilities) told them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from serviceloop.notifications import services

from ..access import console_view

_PAGE = 50
_LAST_PAGE = 10_000


def _page_number(value: str | None) -> int:
    """The page asked for; anything that is not a page number shows the first."""
    if value is None or not value.isascii() or not value.isdigit():
        return 1
    return min(max(int(value), 1), _LAST_PAGE)


@console_view
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = _page_number(request.GET.get("page"))
    start = (page - 1) * _PAGE
    rows = list(services.for_user(request.user, unread_only=unread_only)[start : start + _PAGE + 1])
    context = {
        "notifications": rows[:_PAGE],
        "page": page,
        "has_next": len(rows) > _PAGE,
        "unread_only": unread_only,
        "nav": "notifications",
    }
    return render(request, "console/notifications/list.html", context)


@console_view
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_read(request.user)
    return redirect(reverse("console:notifications"))
