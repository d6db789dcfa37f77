"""The words of each mail we send: an administrator's template if there is one, else the file default.

Administrators write Django template text, so a mistake in it is expected sooner or later. A mail must
still go out: a template that does not compile or render falls back to the file default, and the
mistake is logged for the administrator to fix.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from serviceloop.tickets.models import Message, Ticket

from ..models import MailTemplate

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailKind:
    name: str
    label: Any
    # RFC 3834: machines mark what they send on their own, so autoresponders do not answer it.
    auto_submitted: str
    # The reply itself: its text is the body and its files go along.
    carries_message: bool = False


KINDS: dict[str, MailKind] = {
    kind.name: kind
    for kind in (
        MailKind("created", _("Receipt of a new ticket"), "auto-generated"),
        MailKind("acknowledged", _("Acknowledgement of an e-mail"), "auto-replied"),
        MailKind("replied", _("Our reply"), "", carries_message=True),
    )
}
FALLBACK_LANGUAGE = "en"

# Admin templates get no loaders (no {% include %} of other templates) and only the i18n library:
# their context holds plain strings, never models, so nothing beyond it can be reached.
_ADMIN_ENGINE = Engine(
    loaders=[], libraries={"i18n": "django.templatetags.i18n"}, autoescape=False, string_if_invalid=""
)


def kind_of(name: str) -> MailKind:
    return KINDS.get(name) or MailKind(name, name, "auto-generated")


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind.name, kind.label) for kind in KINDS.values()]


@dataclass(frozen=True)
class Wording:
    subject: str
    text: str


_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def _clean(subject: str, text: str) -> Wording:
    # A subject is one header line: no line breaks may reach it, whatever a template produced.
    text = _BLANK_LINES.sub("\n\n", text.replace("\r\n", "\n")).strip("\n")
    return Wording(" ".join(subject.split()), text + "\n")


def _render_admin(template: MailTemplate, context: dict[str, Any]) -> Wording | None:
    try:
        subject = _ADMIN_ENGINE.from_string(template.subject).render(Context(context))
        text = _ADMIN_ENGINE.from_string(template.body).render(Context(context))
    except Exception:
        logger.exception("Mail template %s (%s) cannot be used; the default wording is sent", template.kind,
                         template.language)  # fmt: skip
        return None
    if not subject.strip() or not text.strip():
        logger.warning("Mail template %s (%s) renders empty; the default wording is sent", template.kind,
                       template.language)  # fmt: skip
        return None
    return _clean(subject, text)


def check_template_text(source: str) -> None:
    """Raise TemplateSyntaxError if administrators' template text does not compile."""
    _ADMIN_ENGINE.from_string(source)


def _admin_template(kind: str, language: str) -> MailTemplate | None:
    # One row per language at most, so reading them all is cheap; administrators may type the code
    # as zh-Hans, zh_hans or zh-hans, and all mean the same language.
    # Only the reader's language: a translated default reads better than an administrator's English.
    rows = {row.language.lower().replace("_", "-"): row for row in MailTemplate.objects.filter(kind=kind)}
    return rows.get(language)


def render(kind: str, language: str, context: dict[str, Any]) -> Wording:
    """Subject and text of mail `kind` in `language` (a supported code such as "zh-hans")."""
    with translation.override(language):
        template = _admin_template(kind, language)
        if template is not None:
            wording = _render_admin(template, context)
            if wording is not None:
                return wording
        subject = render_to_string(f"channels/email/{kind}_subject.txt", context)
        text = render_to_string(f"channels/email/{kind}_body.txt", context)
    return _clean(subject, text)


@dataclass(frozen=True)
class Audience:
    language: str
    zone: ZoneInfo


def audience(ticket: Ticket) -> Audience:
    """The contact's language and time zone, else their organisation's; English and UTC at worst."""
    contact, organisation = ticket.contact, ticket.organisation
    wanted = (contact.language if contact else "") or organisation.language or FALLBACK_LANGUAGE
    try:
        language = translation.get_supported_language_variant(wanted.lower().replace("_", "-"))
    except LookupError:
        language = FALLBACK_LANGUAGE
    try:
        zone = ZoneInfo((contact.time_zone if contact else "") or organisation.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return Audience(language, zone)


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def plain_text(body: str) -> str:
    """A message body as mail text: bodies that came in as HTML (API, mail) lose their markup."""
    if _TAG.search(body or ""):
        return html.unescape(strip_tags(body))
    return body or ""


def _moment(value: datetime | None, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    return f"{date_format(timezone.localtime(value, zone), 'DATETIME_FORMAT')} ({zone.key})"


def _author(message: Message | None) -> str:
    if message is None:
        return ""
    if message.author is not None:
        return message.author.get_full_name() or message.author.get_username()
    return message.author_name


def mail_context(ticket: Ticket, message: Message | None, reader: Audience) -> dict[str, Any]:
    """What a template may show: plain strings only, so an administrator's template reaches nothing else."""
    contact = ticket.contact
    with translation.override(reader.language):
        portal_url = settings.SITE_URL.rstrip("/") + reverse("portal:ticket", args=[ticket.number])
        return {
            "ticket": {
                "number": ticket.number,
                "subject": ticket.subject,
                "status": str(ticket.get_status_display()),
                "url": portal_url,
                "received_at": _moment(ticket.received_at, reader.zone),
            },
            "contact_name": contact.name if contact else "",
            "has_portal_login": bool(contact and contact.user_id),
            "reply_text": plain_text(message.body) if message else "",
            "reply_author": _author(message),
            "due_at": _moment(ticket.due_at, reader.zone),
            "portal_url": portal_url,
            "site_url": settings.SITE_URL,
        }
