"""Portal logins by invitation, and the customer's answers to a proposed fix.

A contact never signs up on their own: service staff invite a known contact, the link in the
e-mail lets them choose a login, and that login sees exactly their organisation's tickets.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from serviceloop.accounts.models import User
from serviceloop.core import policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput, NotFound, ServiceError
from serviceloop.core.roles import Role
from serviceloop.customers.models import Contact
from serviceloop.tickets.models import Channel, Ticket
from serviceloop.tickets.services import add_message, transition

from .models import Invitation, hash_invitation_token

logger = logging.getLogger(__name__)

INVITATION_VALIDITY = timedelta(days=7)


class InvitationGone(ServiceError):
    """The link was real but can no longer be used (expired, used, or the contact has a login)."""

    status = 410


class MailNotSent(ServiceError):
    status = 502


class _Operator:
    """Whoever runs a management command: trusted by having the shell, but not a user."""

    pk = None

    def __repr__(self) -> str:
        return "OPERATOR"


OPERATOR: Any = _Operator()


def contact_language(contact: Contact) -> str:
    return contact.language or contact.organisation.language or settings.LANGUAGE_CODE


def contact_time_zone(contact: Contact) -> str:
    return contact.time_zone or contact.organisation.time_zone or "UTC"


def invitation_url(raw_token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("portal:accept_invitation", args=[raw_token])


def _send_invitation_mail(invitation: Invitation, raw_token: str) -> None:
    contact = invitation.contact
    with translation.override(contact_language(contact)), timezone.override(contact_time_zone(contact)):
        context = {"invitation": invitation, "contact": contact, "url": invitation_url(raw_token)}
        subject = render_to_string("portal/email/invitation_subject.txt", context).strip()
        body = render_to_string("portal/email/invitation_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[invitation.email]).send()


def invite_contact(actor: Any, contact: Contact) -> Invitation:
    """Send `contact` a link to create their portal login; earlier unused links stop working."""
    if actor is not OPERATOR and not policy.can_manage_directory(actor):
        raise Forbidden(_("You may not invite contacts to the portal."))
    if not contact.email:
        raise InvalidInput(_("%(name)s has no e-mail address to send the invitation to.")
                           % {"name": contact.name}, field="email")  # fmt: skip
    if contact.user_id:
        raise Conflict(_("%(name)s already has a portal login.") % {"name": contact.name}, field="contact")
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(contact=contact, accepted_at__isnull=True, expires_at__gt=now).update(
            expires_at=now
        )
        invitation = Invitation.objects.create(
            contact=contact, email=contact.email, token_hash=hash_invitation_token(raw),
            created_by=actor if getattr(actor, "pk", None) else None, created_at=now,
            expires_at=now + INVITATION_VALIDITY,
        )  # fmt: skip
        try:
            # Inside the transaction: a mail that could not be sent leaves no invitation behind.
            _send_invitation_mail(invitation, raw)
        except OSError as exc:  # smtplib errors are OSErrors too
            logger.warning("Invitation mail to %s failed: %s", contact.email, exc)
            raise MailNotSent(_("The invitation e-mail could not be sent; try again later.")) from exc
    return invitation


def _check_usable(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise NotFound(_("This invitation link is not valid. Check that you copied the whole link."))
    if invitation.accepted_at is not None or invitation.contact.user_id:
        raise InvitationGone(_("This invitation has already been used. Log in with the login you chose."))
    if invitation.is_expired:
        raise InvitationGone(_("This invitation has expired. Ask your service contact for a new one."))
    return invitation


def find_invitation(raw_token: str) -> Invitation:
    """The invitation a link names if it can still be accepted; NotFound or InvitationGone otherwise."""
    invitation = (
        Invitation.objects.select_related("contact__organisation")
        .filter(token_hash=hash_invitation_token(raw_token or ""))
        .first()
    )
    return _check_usable(invitation)


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise InvalidInput(_("Choose a user name."), field="username")
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="username") from exc
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidInput(_("This user name is already taken; choose another."), field="username")
    return username


def _new_customer(contact: Contact, username: str, email: str) -> User:
    first, _sep, last = contact.name.strip().rpartition(" ")
    return User(
        username=username, role=Role.CUSTOMER, organisation=contact.organisation, email=email,
        first_name=(first or last)[:150], last_name=(last if first else "")[:150],
        language=contact_language(contact), time_zone=contact_time_zone(contact),
    )  # fmt: skip


def accept_invitation(raw_token: str, username: str, password: str) -> User:
    """Create the customer login the invitation offers and link it to the contact."""
    with transaction.atomic():
        # Locked so that two clicks on the same link cannot create two logins.
        locked = Invitation.objects.select_for_update().filter(token_hash=hash_invitation_token(raw_token))
        invitation = _check_usable(locked.first())
        contact = invitation.contact
        user = _new_customer(contact, _check_username(username), invitation.email)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise InvalidInput(" ".join(exc.messages), field="password") from exc
        user.set_password(password)
        user.save()
        contact.user = user
        contact.save(update_fields=["user"])
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now(), user=user)
    return user


def answer_fix(user: Any, ticket: Ticket, action: str, comment: str = "") -> Ticket:
    """The customer's verdict on a fix (confirm_fix, reject_fix) or a reopen request.

    The comment is also posted as a public reply, so the engineer reads it in the conversation where
    the rest of the exchange is, and the customer sees what they told us. It is posted after the
    move because a closed ticket takes no reply until it is reopened.
    """
    comment = (comment or "").strip()
    with transaction.atomic():
        transition(user, ticket, action, comment=comment, channel=Channel.PORTAL)
        if comment:
            add_message(user, ticket, comment, channel=Channel.PORTAL)
    return ticket
