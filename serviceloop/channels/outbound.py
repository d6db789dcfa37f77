"""Outbound e-mail to the customer, in the customer's language, through Django's mail backend."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from serviceloop.tickets.models import Message, Ticket


def recipients(ticket: Ticket) -> list[str]:
    return [ticket.contact.email] if ticket.contact and ticket.contact.email else []


def send_ticket_mail(kind: str, ticket_id: int, message_id: int | None) -> int:
    """Send the mail for `kind` ("created" or "replied"); returns how many were sent."""
    ticket = Ticket.objects.select_related("contact", "organisation").get(pk=ticket_id)
    to = recipients(ticket)
    if not to:
        return 0
    message = Message.objects.filter(pk=message_id).select_related("author").first() if message_id else None
    if message is not None and message.is_internal:
        return 0
    language = (ticket.contact.language if ticket.contact else "") or ticket.organisation.language or "en"
    with translation.override(language):
        context = {"ticket": ticket, "message": message, "site_url": settings.SITE_URL}
        subject = render_to_string(f"channels/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"channels/email/{kind}_body.txt", context)
    mail = EmailMessage(subject=subject, body=body, to=to, headers={"X-Serviceloop-Ticket": ticket.number})
    return mail.send()
