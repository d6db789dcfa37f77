"""The queue's bulk toolbar: one change made to the ticked tickets, each through its own service call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from serviceloop.core import policy
from serviceloop.core.errors import ServiceError
from serviceloop.tickets.services.bulk import Outcome, apply_to_many, summary

from ..access import console_view, is_htmx
from ..counts import view_counts
from ..forms.bulk import BulkForm
from ..forms.queue import VIEW_LABELS, QueueForm
from .queue import render_queue


@console_view
@require_POST
def bulk_change(request: HttpRequest) -> HttpResponse:
    if not policy.can_edit_ticket(request.user):
        return render(request, "console/denied.html", status=403)
    form = BulkForm(request.POST)
    query = QueryDict(request.POST.get("query", "")[:4000])
    if not form.is_valid():
        return _refused(request, query, _form_errors(form), 422)
    try:
        outcomes = apply_to_many(request.user, form.cleaned_data["ticket"], form.bulk_change(request.user))
    except ServiceError as exc:
        return _refused(request, query, [exc.message], exc.status)
    changed, refused = summary(outcomes)
    if is_htmx(request):
        counts = view_counts(request.user)
        shown = {
            "bulk_outcomes": outcomes, "bulk_changed": changed, "bulk_refused": refused,
            "bulk_counts": [(name, counts[name]) for name in VIEW_LABELS],
        }  # fmt: skip
        return _queue(request, query, extra=shown)
    _flash(request, outcomes, changed, refused)
    return redirect(reverse("console:queue") + (f"?{query.urlencode()}" if query else ""))


def _queue(
    request: HttpRequest, query: QueryDict, *, status: int = 200, extra: dict[str, Any]
) -> HttpResponse:
    """The list the change was made from, as its filters show it now."""
    form = QueueForm(query)
    form.is_valid()
    return render_queue(request, form, status=status, extra=extra)


def _refused(request: HttpRequest, query: QueryDict, errors: list[str], status: int) -> HttpResponse:
    """Nothing was tried: the list again, with why above it (for htmx too, which keys.js lets swap)."""
    return _queue(request, query, status=status, extra={"bulk_errors": errors})


def _form_errors(form: BulkForm) -> list[str]:
    errors = []
    for name, messages_ in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        errors += [f"{label}: {message}" if label else str(message) for message in messages_]
    return errors


def _flash(request: HttpRequest, outcomes: Sequence[Outcome], changed: int, refused: int) -> None:
    """Without JavaScript the outcomes travel to the redirected page as one message listing them."""
    context = {"outcomes": outcomes, "changed": changed, "refused": refused}
    html = render_to_string("console/queue/_bulk_outcome.html", context, request=request)
    messages.add_message(request, messages.WARNING if refused else messages.SUCCESS, html)
