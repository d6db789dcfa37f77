"""The queue: named views with counts, filters, search, and a table htmx re-renders in place."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from serviceloop.core import policy
from serviceloop.core.errors import InvalidInput, NotFound
from serviceloop.customers.models import Organisation
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import get_visible_ticket, pinned_tickets
from serviceloop.tickets.services.paging import ticket_page

from ..access import console_view, is_htmx
from ..counts import view_counts
from ..errors import attach_service_error
from ..forms.bulk import toolbar
from ..forms.queue import PAGE_SIZE, VIEW_LABELS, QueueForm

_PINNED_SHOWN = 10
_ROW_RELATED = ("organisation", "machine", "product_model", "assignee", "team")


def _jump_to_ticket(request: HttpRequest, form: QueueForm) -> HttpResponse | None:
    number = form.ticket_number
    if number is None:
        return None
    try:
        ticket = get_visible_ticket(request.user, number)
    except NotFound:
        return None  # fall back to searching for it, which finds nothing the user may not see
    url = reverse("console:ticket", args=[ticket.number])
    return HttpResponseClientRedirect(url) if is_htmx(request) else redirect(url)


def _rows(request: HttpRequest, form: QueueForm) -> tuple[list[Ticket], bool]:
    """One page of tickets, plus whether another follows; no COUNT(*) over the whole queue."""
    start = (form.page_number - 1) * PAGE_SIZE
    base = Ticket.objects.select_related(*_ROW_RELATED).defer("search_document")
    try:
        page = ticket_page(request.user, form.ticket_filter(), start, PAGE_SIZE + 1, base=base)
    except InvalidInput as exc:
        attach_service_error(form, exc)
        return [], False
    return page[:PAGE_SIZE], len(page) > PAGE_SIZE


def _pinned(request: HttpRequest) -> list[Ticket]:
    return list(pinned_tickets(request.user).select_related("organisation")[:_PINNED_SHOWN])


def _organisation_link(query: QueryDict) -> str:
    """The current query with `organisation=` last, so a row only has to append its id."""
    params = query.copy()
    for name in ("organisation", "page"):
        params.pop(name, None)
    params["organisation"] = ""
    return "?" + params.urlencode()


def _filtered_organisation(request: HttpRequest, pk: int | None, rows: list[Ticket]) -> Organisation | None:
    """The organisation the queue is narrowed to, for its filter chip (usually found among the rows)."""
    if not pk:
        return None
    found = next((t.organisation for t in rows if t.organisation_id == pk), None)
    return found or policy.visible_organisations(request.user, Organisation.objects.filter(pk=pk)).first()


@console_view
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueForm(request.GET)
    form.is_valid()
    jump = _jump_to_ticket(request, form)
    if jump is not None:
        return jump
    return render_queue(request, form)


def render_queue(
    request: HttpRequest, form: QueueForm, *, status: int = 200, extra: dict[str, Any] | None = None
) -> HttpResponse:
    """The queue as `form` (validated) filters it: the whole page, or only its results for htmx.

    The form is bound to the request's query for a GET; a bulk change binds it to the query of the
    list it was made from."""
    query: QueryDict = form.data  # type: ignore[assignment]
    rows, has_next = _rows(request, form)
    organisation_id = form.ticket_filter().organisation_id
    can_bulk_edit = policy.can_edit_ticket(request.user)
    context = {
        "form": form,
        "rows": rows,
        "page": form.page_number,
        "has_next": has_next,
        "view": form.current_view,
        "view_label": VIEW_LABELS[form.current_view],
        "organisation": _filtered_organisation(request, organisation_id, rows),
        "organisation_id": organisation_id,
        "org_link": _organisation_link(query),
        "pinned": _pinned(request) if form.page_number == 1 else [],
        "query": query,
        "can_bulk_edit": can_bulk_edit,
        **(extra or {}),
    }
    if is_htmx(request) and request.htmx.target == "queue-results":  # type: ignore[attr-defined]
        response = render(request, "console/queue/_results.html", context, status=status)
    else:
        views = view_counts(request.user)
        context["views"] = [(name, label, views[name]) for name, label in VIEW_LABELS.items()]
        context["nav"] = "queue"
        context["toolbar"] = toolbar(form, request.user) if can_bulk_edit else None
        response = render(request, "console/queue/page.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
