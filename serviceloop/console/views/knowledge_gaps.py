"""Content gaps on the owner's dashboard: the searches that found nothing, and closing one of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from serviceloop.core.errors import Forbidden, NotFound, ServiceError
from serviceloop.knowledge.models import GapStatus
from serviceloop.knowledge.services.gaps import answer_gap, dismiss_gap, may_close_gaps, open_gaps

from ..access import is_htmx, staff_view
from ..errors import attach_service_error

GAPS_FRAGMENT = "console/knowledge/_gaps.html"


class CloseGapForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[(status.value, status.label) for status in (GapStatus.ANSWERED, GapStatus.DISMISSED)],
    )
    article = forms.CharField(label=gettext_lazy("Article number"), required=False, max_length=40)


def gaps_context(
    user: Any, *, gap_form: CloseGapForm | None = None, gap_id: int | None = None
) -> dict[str, Any]:
    """The dashboard's gaps section: each open gap with the refused form if it was that row's."""
    if not may_close_gaps(user):
        return {"may_close_gaps": False}
    shown = open_gaps(user)
    rows = [(gap, gap_form if gap.pk == gap_id else None) for gap in shown.gaps]
    # An error about no row in the list (the gap was closed meanwhile) is shown above it.
    listed = any(form is not None for _gap, form in rows)
    return {
        "may_close_gaps": True, "gap_rows": rows, "gaps_cut": shown.cut, "gaps_limit": len(shown.gaps),
        "gap_error": None if listed or gap_form is None else gap_form,
    }  # fmt: skip


def _close(user: Any, pk: int, form: CloseGapForm) -> str:
    """Close the gap as the form asks; the message that tells how."""
    if form.cleaned_data["outcome"] == GapStatus.ANSWERED:
        gap = answer_gap(user, pk, form.cleaned_data["article"])
        done = _("“%(query)s” is answered by article %(number)s.")
        return done % {"query": gap.query, "number": gap.article_id}
    gap = dismiss_gap(user, pk)
    return _("“%(query)s” is dismissed.") % {"query": gap.query}


def _refused(request: HttpRequest, pk: int, form: CloseGapForm, status: int) -> HttpResponse:
    if is_htmx(request):
        # htmx swaps only 2xx answers: the section comes back naming the error.
        return render(request, GAPS_FRAGMENT, gaps_context(request.user, gap_form=form, gap_id=pk))
    from .knowledge import REVIEWS_PAGE, reviews_context  # that module imports this one for its page

    return render(request, REVIEWS_PAGE, reviews_context(request, gap_form=form, gap_id=pk), status=status)


@staff_view
@require_POST
def post_close(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_close_gaps(request.user):
        return render(request, "console/denied.html", status=403)
    form = CloseGapForm(request.POST)
    if not form.is_valid():
        return _refused(request, pk, form, 422)
    try:
        done = _close(request.user, pk, form)
    except Forbidden:
        return render(request, "console/denied.html", status=403)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _refused(request, pk, form, exc.status)
    if is_htmx(request):
        context = {**gaps_context(request.user), "gap_done": done}
        return render(request, GAPS_FRAGMENT, context)
    messages.success(request, done)
    return redirect("console:knowledge_reviews")
