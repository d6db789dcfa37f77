"""Quick lookup while a call comes in: organisations with their machines and open tickets."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..access import console_view
from ..directory import LIMIT, find_organisations

MIN_LENGTH = 2


def lookup_context(request: HttpRequest, fragment: str, pick: bool) -> dict[str, object]:
    fragment = fragment.strip()[:100]
    # One Chinese character can already name a company; one Latin letter would match everything.
    long_enough = len(fragment) >= MIN_LENGTH or (fragment and not fragment.isascii())
    organisations = find_organisations(request.user, fragment) if long_enough else []
    return {
        "q": fragment,
        "organisations": organisations,
        "pick": pick,
        "searched": long_enough,
        "limit_reached": len(organisations) >= LIMIT,
    }


@console_view
@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    context = lookup_context(request, request.GET.get("q", ""), request.GET.get("pick") == "1")
    return render(request, "console/phone/_lookup_results.html", context)
