"""The quarterly ranking of knowledge contributions, for managers."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from serviceloop.core.errors import InvalidInput
from serviceloop.knowledge.services.contributions import POINTS, Quarter, may_see_contributions, ranking

from ..access import console_view

PAGE = "console/knowledge/contributions.html"
QUARTERS_OFFERED = 8


class QuarterForm(forms.Form):
    quarter = forms.CharField(label=_("Quarter"), required=False, max_length=20)


def _offered(current: Quarter, shown: Quarter | None) -> list[Quarter]:
    """The last two years' quarters, newest first, and the one shown if it is older (or later)."""
    quarters = [current]
    while len(quarters) < QUARTERS_OFFERED:
        quarters.append(quarters[-1].previous)
    if shown is not None and shown not in quarters:
        quarters.append(shown)
    return sorted(quarters, reverse=True)


@console_view
@require_GET
def contributions(request: HttpRequest) -> HttpResponse:
    if not may_see_contributions(request.user):
        return render(request, "console/denied.html", status=403)
    form = QuarterForm(request.GET)
    form.is_valid()  # a CharField with a length limit: the quarter's own check follows
    current = Quarter.current()
    shown: Quarter | None = current
    rows = []
    try:
        shown = Quarter.parse(form.cleaned_data.get("quarter") or current)
        rows = ranking(request.user, shown)
    except InvalidInput as exc:
        form.add_error("quarter", exc.message)
        shown = None
    context = {
        "form": form, "quarter": shown, "quarters": _offered(current, shown), "rows": rows,
        "points": POINTS, "nav": "knowledge", "tab": "contributions",
    }  # fmt: skip
    return render(request, PAGE, context, status=400 if form.errors else 200)
