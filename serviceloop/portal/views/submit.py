"""Opening a new request from the portal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from serviceloop.channels.intake import receive
from serviceloop.core.errors import ServiceError
from serviceloop.customers.models import Contact
from serviceloop.tickets.services import create_ticket

from ..forms import NewTicketForm
from .access import customer_required


def _own_contact_id(user: Any) -> int | None:
    # The ticket names the contact behind this login, so our replies are mailed to them.
    return Contact.objects.filter(user=user).values_list("pk", flat=True).first()


def _prefilled(request: HttpRequest) -> dict[str, str]:
    # "Still need help?" in the help centre carries what the customer searched for.
    q = " ".join(request.GET.get("q", "").replace("\x00", "").split())
    return {"subject": q[:255]} if q else {}


@require_http_methods(["GET", "POST"])
@customer_required
def new_ticket(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.method != "POST":
        return render(
            request, "portal/new_ticket.html", {"form": NewTicketForm(user, initial=_prefilled(request))}
        )
    form = NewTicketForm(user, request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "portal/new_ticket.html", {"form": form}, status=400)
    draft = form.draft(contact_id=_own_contact_id(user))
    try:
        ticket = receive("portal", form.payload(), user, lambda: create_ticket(user, draft))
    except ServiceError as exc:
        form.add_service_error(exc)
        return render(request, "portal/new_ticket.html", {"form": form}, status=exc.status)
    messages.success(
        request, _("Thank you. Your request is recorded as %(number)s; we will get back to you soon.")
        % {"number": ticket.number},
    )  # fmt: skip
    return redirect("portal:ticket", number=ticket.number)
