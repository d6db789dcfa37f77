"""Turning a parsed mail into a new ticket or a reply on the ticket it answers."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from serviceloop.core.errors import TooLarge
from serviceloop.tickets.models import Channel, Message, Ticket
from serviceloop.tickets.services.conversation import Upload, add_message, refusal, safe_filename
from serviceloop.tickets.services.creation import NewTicket, open_ticket

from ..models import InboundMail
from .authentication import sender_vouched_for
from .parsing import ParsedMail
from .senders import Sender, identify
from .threads import find_ticket

_MAX_BODY = 100_000


@dataclass
class Outcome:
    ticket: Ticket
    message: Message


def _clean(text: str) -> str:
    # PostgreSQL refuses NUL in text; a mail client that sends one meant nothing by it.
    return text.replace("\x00", "")


def uploads_and_notes(mail: ParsedMail) -> tuple[list[Upload], list[str]]:
    """Files the ticket can take, and a line for each it cannot (they stay in the original mail)."""
    uploads, notes = [], []
    for part in mail.attachments:
        upload = Upload(part.filename, part.content_type, io.BytesIO(part.content), len(part.content))
        error = refusal(upload)
        if error is None:
            uploads.append(upload)
            continue
        name = safe_filename(part.filename)
        if isinstance(error, TooLarge):
            note = _("%(name)s was not attached: it is larger than the limit.") % {"name": name}
        else:
            note = _("%(name)s was not attached: files of this type are not accepted.") % {"name": name}
        notes.append(note + " " + _("It is kept in the original e-mail."))
    return uploads, notes


def body_text(mail: ParsedMail, notes: list[str]) -> str:
    text = _clean(mail.text).strip()
    if len(text) > _MAX_BODY - 2000:
        text = text[: _MAX_BODY - 2000] + "\n\n" + _("(Shortened; the whole text is in the original e-mail.)")
    if notes:
        text = (text + "\n\n" if text else "") + "\n".join(f"[{note}]" for note in notes)
    return text or _("(The e-mail had no text.)")


def one_line(text: str) -> str:
    """A header value as one storable line: whitespace runs (folding included) become one space."""
    return _clean(" ".join(text.split()))[:255]


def _subject(mail: ParsedMail) -> str:
    return one_line(mail.subject) or _("(no subject)")


def _open_ticket(inbound: InboundMail, mail: ParsedMail, sender: Sender, body: str, uploads: list[Upload],
                 follow_up_of: Ticket | None) -> Outcome:  # fmt: skip
    if follow_up_of is not None:
        body = _("Follow-up to %(number)s, which is %(status)s.") % {
            "number": follow_up_of.number, "status": follow_up_of.get_status_display()
        } + "\n\n" + body  # fmt: skip
    contact = sender.contact
    draft = NewTicket(
        subject=_subject(mail),
        body=body,
        channel=Channel.EMAIL,
        organisation_id=contact.organisation_id if contact else None,
        contact_id=contact.pk if contact else None,
        contact=contact,
        intake_team_id=inbound.mailbox.team_id if inbound.mailbox else None,
        received_at=inbound.received_at,
        author_name=sender.name,
        uploads=uploads,
    )
    opened = open_ticket(sender.actor, draft)
    return Outcome(opened.ticket, opened.message)


def deliver(inbound: InboundMail, mail: ParsedMail, *, sender_vouched: bool = False) -> Outcome:
    """Reply on the ticket the mail answers, or open a new one; run inside the intake transaction.

    `sender_vouched`: a person who read the mail vouches for its sender (see `authentication`)."""
    sender = identify(mail.from_address, _clean(mail.from_name), mail.language)
    if sender.contact is None and not (sender_vouched or sender_vouched_for(mail)):
        raise UnplacedMail(
            _(
                "Mail from %(address)s (staff or partner) was not vouched for by our mail server (no "
                "passing Authentication-Results for its domain); it was not posted. If it is genuine, "
                "process it again."
            )
            % {"address": mail.from_address}
        )
    uploads, notes = uploads_and_notes(mail)
    body = body_text(mail, notes)
    ticket = find_ticket(mail, sender)
    if ticket is not None and not ticket.is_final:
        message = add_message(sender.actor, ticket, body, channel=Channel.EMAIL, uploads=uploads,
                              author_name=sender.name)  # fmt: skip
        return Outcome(ticket, message)
    if sender.contact is None:
        raise UnplacedMail(
            _(
                "Mail from %(address)s (staff or partner) answers no ticket they can see; "
                "it was not turned into a ticket."
            )
            % {"address": mail.from_address}
        )
    return _open_ticket(inbound, mail, sender, body, uploads, follow_up_of=ticket)


class UnplacedMail(Exception):
    """Staff or partner mail that waits for a person: it names no ticket (a new ticket needs a
    customer), or our mail server did not vouch for its sender."""
