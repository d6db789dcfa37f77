"""The links in the verification mail: a page to confirm the answer, and the answer itself.

No login is needed (the link is the key), and nothing happens on GET: mail scanners open links."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from serviceloop.channels.mail.templates import audience
from serviceloop.core.errors import ServiceError
from serviceloop.solutions.models import Outcome
from serviceloop.solutions.services import verification


def _in_language(request: HttpRequest, template: str, context: dict, status: int) -> HttpResponse:
    response = render(request, template, context, status=status)
    response.headers["Content-Language"] = translation.get_language()
    return response


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        round_, outcome = verification.link_target(token)
    except ServiceError as exc:
        return _in_language(request, "portal/verify_invalid.html", {"message": exc.message}, exc.status)
    ticket = round_.ticket
    # The reader may have no login: speak the contact's language.
    with translation.override(audience(ticket).language):
        context = {"ticket": ticket, "outcome": outcome, "works": outcome == Outcome.WORKS,
                   "note": request.POST.get("note", "")}  # fmt: skip
        if request.method != "POST":
            return _in_language(request, "portal/verify.html", context, 200)
        try:
            ticket, outcome = verification.answer_by_link(token, request.POST.get("note", ""))
        except ServiceError as exc:
            if exc.status in (400, 410):
                return _in_language(
                    request, "portal/verify_invalid.html", {"message": exc.message}, exc.status
                )
            context["error"] = exc.message
            return _in_language(request, "portal/verify.html", context, exc.status)
        context.update(ticket=ticket, done=True)
        return _in_language(request, "portal/verify_done.html", context, 200)
