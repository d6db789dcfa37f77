"""Accepting an invitation: the invitee chooses a login and is signed in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from serviceloop.core.errors import ServiceError

from ..forms import AcceptInvitationForm
from ..services import accept_invitation as accept
from ..services import contact_language, find_invitation

_GONE = {404, 410}


def _invalid(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return render(request, "portal/invitation_invalid.html", {"message": exc.message}, status=exc.status)


def _form_page(request: HttpRequest, context: dict, status: int) -> HttpResponse:
    response = render(request, "portal/invitation_accept.html", context, status=status)
    response.headers["Content-Language"] = translation.get_language()
    return response


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = find_invitation(token)
    except ServiceError as exc:
        return _invalid(request, exc)
    # The invitee has no login yet, so speak the language we know the contact prefers.
    with translation.override(contact_language(invitation.contact)):
        form = AcceptInvitationForm(request.POST or None, initial={"username": invitation.email})
        context = {"form": form, "invitation": invitation}
        if request.method != "POST" or not form.is_valid():
            status = 400 if request.method == "POST" else 200
            return _form_page(request, context, status)
        try:
            user = accept(token, form.cleaned_data["username"], form.cleaned_data["password1"])
        except ServiceError as exc:
            if exc.status in _GONE:
                return _invalid(request, exc)
            form.add_service_error(exc)
            return _form_page(request, context, exc.status)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your login is ready. Here you can follow your requests."))
    return redirect("portal:tickets")
