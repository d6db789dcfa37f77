"""Showing a mail's text: what the sender wrote, with quoted history and signature folded away."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from serviceloop.tickets.text import text_to_html

from .mail.quoting import fold_quoted


def mail_body_html(body: str) -> SafeString:
    """Safe HTML; the folded part stays one click away, since it is still what the customer sent."""
    new, folded = fold_quoted(body or "")
    html = mark_safe(text_to_html(new))
    if not folded.strip():
        return html
    return format_html(
        '{}<details class="quoted small text-body-secondary"><summary>{}</summary>{}</details>',
        html,
        _("Quoted text"),
        mark_safe(text_to_html(folded)),
    )
