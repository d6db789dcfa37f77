"""What the desk sees of the mail we send a ticket's customer, and sending a failed one again."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Conflict, Forbidden, NotFound
from serviceloop.tickets.models import Ticket

from ..models import OutboundMail
from ..tasks import deliver_mail
from . import sending, templates

# A ticket's page shows its latest mails; a longer history stays in the admin.
SHOWN_ON_TICKET = 30


@dataclass(frozen=True)
class ShownMail:
    mail: OutboundMail
    kind: Any  # what the mail was, in the reader's words


def mails_on_ticket(user: Any, ticket: Ticket) -> list[ShownMail]:
    """The ticket's sent and waiting mails, oldest first, for staff; nobody else sees delivery details."""
    if not policy.is_staff(user):
        return []
    latest = ticket.outbound_mails.defer("raw").order_by("-created_at", "-id")[:SHOWN_ON_TICKET]
    return [ShownMail(mail, templates.kind_of(mail.kind).label) for mail in reversed(latest)]


def retry_now(outbound_ids: list[int]) -> list[int]:
    """Queue failed mails again with a fresh set of retries; returns the ids that were failed."""
    ids = sending.queue_again(outbound_ids)
    for outbound_id in ids:
        transaction.on_commit(partial(deliver_mail, outbound_id))
    return ids


def send_again(user: Any, ticket: Ticket, outbound_id: int) -> OutboundMail:
    if not policy.can_resend_mail(user):
        raise Forbidden(_("You may not send e-mails again."))
    mail = ticket.outbound_mails.defer("raw").filter(pk=outbound_id).first()
    if mail is None:
        raise NotFound(_("This ticket has no such e-mail."))
    if not retry_now([mail.pk]):
        raise Conflict(_("Only an e-mail that failed can be sent again."))
    mail.refresh_from_db()
    return mail
