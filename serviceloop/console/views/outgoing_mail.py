"""Sending a customer mail again that the mail server refused, from the ticket page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from serviceloop.channels.mail import outbox
from serviceloop.core.errors import ServiceError

from ..access import load_ticket, staff_view


@staff_view
@require_POST
def post_resend(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    ticket = load_ticket(request, number)
    try:
        outbox.send_again(request.user, ticket, pk)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The e-mail is queued to be sent again."))
    return redirect(reverse("console:ticket", args=[ticket.number]) + "#outgoing-mail")
