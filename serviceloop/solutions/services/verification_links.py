"""The links in the verification mail: signed, expiring, and bound to one ticket and one round.

A link carries no power of its own beyond answering that round: an older round's link, or one used
already, is refused, so a mail forwarded or found later cannot move the ticket again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from serviceloop.core.errors import ServiceError

from ..models import Outcome, Verification

_SALT = "serviceloop.solutions.verification-link"
# Longer than the wait before a ticket resolves on its own, so a link never dies before its round.
LINK_LIFETIME = timedelta(days=30)
ANSWERS = (Outcome.WORKS, Outcome.NOT_FIXED)


class LinkGone(ServiceError):
    status = 410


class LinkInvalid(ServiceError):
    """A link altered or cut short: the page says so (400), whatever the link pretended to be."""

    status = 400


@dataclass(frozen=True)
class LinkAnswer:
    verification_id: int
    ticket_id: int
    round: int
    outcome: str


def make_token(verification: Verification, outcome: str) -> str:
    payload = {"v": verification.pk, "t": verification.ticket_id, "r": verification.round, "o": outcome}
    return signing.TimestampSigner(salt=_SALT).sign_object(payload, compress=True)


def link_url(verification: Verification, outcome: str) -> str:
    path = reverse("portal:verify", args=[make_token(verification, outcome)])
    return settings.SITE_URL.rstrip("/") + path


def read_token(token: str) -> LinkAnswer:
    """What the link answers; LinkInvalid (400) if it was altered, LinkGone (410) once it expired."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        data = signer.unsign_object(token, max_age=LINK_LIFETIME)
    except signing.SignatureExpired as exc:
        raise LinkGone(
            _("This link has expired. Please answer in the customer portal or reply to our e-mail."),
            field="token",
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid(_("This link is not valid. Please use the link exactly as it is in our e-mail."),
                           field="token") from exc  # fmt: skip
    try:
        answer = LinkAnswer(int(data["v"]), int(data["t"]), int(data["r"]), str(data["o"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkInvalid(_("This link is not valid. Please use the link exactly as it is in our e-mail."),
                           field="token") from exc  # fmt: skip
    if answer.outcome not in ANSWERS:
        raise LinkInvalid(_("This link is not valid. Please use the link exactly as it is in our e-mail."),
                           field="token")  # fmt: skip
    return answer
