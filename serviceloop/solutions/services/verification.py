"""Asking the customer whether the fix works, and taking their answer: by the mail's link, in the
portal (the ticket's own confirm / reject), or by phone as an agent records it.

Each request opens a round (a Verification row); whatever move takes the ticket out of 'waiting for
verification' closes it (see `close_round`, called for every transition), so the portal, the API and
the console need nothing of their own to keep the record.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from serviceloop.accounts.models import User
from serviceloop.channels.mail.senders import MailSender
from serviceloop.channels.mail.templates import audience
from serviceloop.core import policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.tickets.models import Channel, Message, Status, Ticket
from serviceloop.tickets.services import add_message, transition
from serviceloop.tickets.services import validation as v

from ..models import Outcome, Verification, Via
from .verification_links import ANSWERS, LinkGone, link_url, read_token

logger = logging.getLogger(__name__)

_ACTION = {Outcome.WORKS: "confirm_fix", Outcome.NOT_FIXED: "reject_fix"}
_OUTCOME_OF_ACTION = {"confirm_fix": Outcome.WORKS, "reject_fix": Outcome.NOT_FIXED}
_VIA_OF_CHANNEL: dict[str, Via] = {
    Channel.EMAIL: Via.LINK,
    Channel.PORTAL: Via.PORTAL,
    Channel.PHONE: Via.PHONE,
    Channel.SYSTEM: Via.AUTO,
}
NOTE_MAX = 2000


def open_round(ticket: Ticket) -> Verification | None:
    return Verification.objects.filter(ticket=ticket, answered_at__isnull=True).order_by("-round").first()


def rounds(ticket: Ticket) -> list[Verification]:
    return list(
        Verification.objects.filter(ticket=ticket).select_related("by", "requested_by").order_by("-round")
    )


def request_text(verification: Verification, language: str, *, reminder: bool = False) -> str:
    ticket = verification.ticket
    with translation.override(language):
        context = {
            "number": ticket.number,
            "subject": ticket.subject,
            "works_url": link_url(verification, Outcome.WORKS),
            "not_fixed_url": link_url(verification, Outcome.NOT_FIXED),
            "reminder": reminder,
        }
        return render_to_string("solutions/verification_request.txt", context).strip() + "\n"


def _writer(ticket: Ticket, user_id: int | None) -> Any:
    """Who signs the message to the customer: the person who asked, else the ticket's assignee."""
    for candidate_id in (user_id, ticket.assignee_id):
        user = User.objects.filter(pk=candidate_id).first() if candidate_id else None
        if user is not None and (policy.is_staff(user) or policy.is_partner(user)):
            return user
    return None


def send_request(verification: Verification, *, reminder: bool = False) -> Message | None:
    """A public reply with the two links, in the contact's language; the mail channel mails it."""
    ticket = verification.ticket
    writer = _writer(ticket, verification.requested_by_id)
    if writer is None:
        logger.warning("Nobody to sign the verification request of %s; it was not sent", ticket.number)
        return None
    text = request_text(verification, audience(ticket).language, reminder=reminder)
    return add_message(writer, ticket, text, channel=Channel.SYSTEM if reminder else Channel.CONSOLE)


def start_round(ticket: Ticket, actor_id: int | None) -> Verification:
    """The ticket now waits for the customer: a new round, and the request with its links."""
    number = Verification.objects.filter(ticket=ticket).aggregate(n=Max("round"))["n"] or 0
    # A round left open (should the ticket have bypassed the transitions) is superseded.
    Verification.objects.filter(ticket=ticket, answered_at__isnull=True).update(
        answered_at=timezone.now(), outcome=Outcome.ENDED, via=Via.DESK
    )
    verification = Verification.objects.create(
        ticket=ticket, round=number + 1, requested_at=timezone.now(), requested_by_id=actor_id
    )
    verification.ticket = ticket
    send_request(verification)
    return verification


def close_round(ticket: Ticket, action: str, actor_id: int | None, channel: str, comment: str = "") -> None:
    """The ticket left 'waiting for verification': the open round records how."""
    outcome = _OUTCOME_OF_ACTION.get(action, Outcome.ENDED)
    via = _VIA_OF_CHANNEL.get(channel, Via.DESK)
    if channel == Channel.SYSTEM and action == "resolve":
        outcome = Outcome.AUTO_RESOLVED
    Verification.objects.filter(ticket=ticket, answered_at__isnull=True).update(
        answered_at=timezone.now(), outcome=outcome, via=via, by_id=actor_id, note=comment[:NOTE_MAX]
    )


def _answer(
    actor: Any, ticket: Ticket, outcome: str, note: str, channel: str, author_name: str = ""
) -> Ticket:
    note = v.text(note, "note", max_length=NOTE_MAX, required=False)
    with transaction.atomic():
        transition(actor, ticket, _ACTION[Outcome(outcome)], comment=note, channel=channel)
        if note and outcome == Outcome.NOT_FIXED and channel != Channel.PHONE:
            # As the portal does: what the customer says is read in the conversation.
            add_message(actor, ticket, note, channel=channel, author_name=author_name)
    return ticket


def record_phone_answer(actor: Any, ticket: Ticket, outcome: str, note: str = "") -> Ticket:
    """Staff write down what the customer said on the phone; the move is made on their behalf."""
    if outcome not in ANSWERS:
        raise InvalidInput(_("outcome: give works or not_fixed."), field="outcome")
    if not policy.is_staff(actor) or not policy.can_transition(actor, _ACTION[Outcome(outcome)]):
        raise Forbidden(_("Only the service desk may record a customer's answer given by phone."))
    _check_waiting(ticket)
    return _answer(actor, ticket, outcome, note, Channel.PHONE)


def _check_waiting(ticket: Ticket) -> None:
    if ticket.status != Status.AWAITING_VERIFICATION:
        raise Conflict(
            _("%(number)s is %(status)s; it is not waiting for the customer's verification.")
            % {"number": ticket.number, "status": ticket.get_status_display()},
            field="outcome",
        )


def link_target(token: str) -> tuple[Verification, str]:
    """The round and the answer a mail's link stands for, while it may still be used."""
    answer = read_token(token)
    verification = (
        Verification.objects.select_related("ticket", "ticket__contact__user", "ticket__organisation")
        .filter(pk=answer.verification_id, ticket_id=answer.ticket_id, round=answer.round)
        .first()
    )
    if verification is None:
        raise LinkGone(_("This link is no longer valid."), field="token")
    if verification.answered_at is not None:
        raise LinkGone(_("This question has already been answered. Thank you."), field="token")
    latest = Verification.objects.filter(ticket_id=answer.ticket_id).aggregate(n=Max("round"))["n"]
    if latest != answer.round or verification.ticket.status != Status.AWAITING_VERIFICATION:
        raise LinkGone(_("This link belongs to an earlier request and can no longer be used."), field="token")
    return verification, answer.outcome


def link_actor(ticket: Ticket) -> Any:
    """The contact's portal login if they have one, else the contact acting as by mail."""
    contact = ticket.contact
    if contact is None:
        raise LinkGone(_("This link is no longer valid."), field="token")
    login = contact.user
    if login is not None and login.is_active and policy.is_customer(login):
        return login
    return MailSender(contact)


def answer_by_link(token: str, note: str = "") -> tuple[Ticket, str]:
    """Perform what the link says (confirm or reject the fix) for the contact; returns the outcome."""
    with transaction.atomic():
        verification, outcome = link_target(token)
        # Locked: two clicks at once answer the round once; the second sees it answered.
        Verification.objects.select_for_update().filter(pk=verification.pk).first()
        verification, outcome = link_target(token)
        ticket, actor = verification.ticket, link_actor(verification.ticket)
        name = ticket.contact.name if ticket.contact else ""
        _answer(actor, ticket, outcome, note if outcome == Outcome.NOT_FIXED else "", Channel.EMAIL, name)
        Verification.objects.filter(pk=verification.pk).update(by_name=name[:200])
    return ticket, outcome
