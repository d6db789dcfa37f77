"""The supplier panel of the ticket page: the offer to the supplier that handles the product, the
contacts to call, and its answer (taken up, or declined with a reason)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from serviceloop.core import policy
from serviceloop.core.errors import ServiceError
from serviceloop.routing import offers
from serviceloop.routing.models import SupplierOffer
from serviceloop.tickets.models import Channel, Ticket

from ..access import console_view, load_ticket
from ..errors import attach_service_error

PAGE = "console/ticket/page.html"


class DeclineForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Why the supplier will not take it"), max_length=500)


def offer_panel(user: Any, ticket: Ticket, decline_form: DeclineForm | None = None) -> dict[str, Any] | None:
    """What the panel shows `user`; None when there is nothing to show (no offer, and none to make)."""
    if not (policy.is_staff(user) or policy.is_partner(user)):
        return None
    shown = offers.offers_for(user, ticket)
    if not shown.items and not shown.may_offer:
        return None
    current = next((o for o in shown.items if o.state == SupplierOffer.State.OPEN), None)
    return {
        "current": current,
        "overdue": current is not None and current.due_at <= timezone.now(),
        "earlier": [o for o in shown.items if o is not current],
        "contacts": shown.contacts,
        "may_offer": shown.may_offer,
        "may_answer": shown.may_answer,
        "for_supplier": policy.is_partner(user),
        "decline_form": decline_form or DeclineForm(),
    }


def _back(ticket: Ticket) -> HttpResponse:
    return redirect(reverse("console:ticket", args=[ticket.number]) + "#supplier-offer")


def _page(request: HttpRequest, ticket: Ticket, status: int, form: DeclineForm) -> HttpResponse:
    from ..ticket_page import ticket_context  # the ticket page builds this panel: imported when used

    return render(request, PAGE, ticket_context(request, ticket, decline_form=form), status=status)


def _failed(request: HttpRequest, ticket: Ticket, exc: ServiceError) -> HttpResponse:
    """A button that could not act (the offer was answered meanwhile, say): the page says why."""
    messages.error(request, str(exc))
    return _page(request, ticket, exc.status, DeclineForm())


@console_view
@require_POST
def post_offer(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    try:
        offer = offers.offer_to_supplier(request.user, ticket, channel=Channel.CONSOLE)
    except ServiceError as exc:
        return _failed(request, ticket, exc)
    messages.success(request, _("Offered to %(supplier)s.") % {"supplier": offer.supplier if offer else ""})
    return _back(ticket)


@console_view
@require_POST
def post_answer(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    try:
        offer = offers.answer_offer(request.user, ticket, note=request.POST.get("note", ""))
    except ServiceError as exc:
        return _failed(request, ticket, exc)
    messages.success(request, _("%(supplier)s takes the ticket up.") % {"supplier": offer.supplier})
    return _back(ticket)


@console_view
@require_POST
def post_decline(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, 422, form)
    try:
        offers.decline_offer(request.user, ticket, form.cleaned_data["note"])
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, exc.status, form)
    messages.success(request, _("Declined: our own expert takes the ticket up."))
    return _back(ticket)
