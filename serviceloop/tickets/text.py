"""Showing text that came from outside: bodies are stored as received and cleaned when shown."""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape, linebreaks, urlize

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "code", "div", "em", "i", "li", "ol", "p", "pre", "span", "strong",
    "table", "tbody", "td", "th", "thead", "tr", "u", "ul", "h1", "h2", "h3", "h4",
}  # fmt: skip


def body_to_html(body: str) -> str:
    """Safe HTML for a message body: HTML is sanitised, plain text is escaped with its line breaks kept."""
    if _TAG.search(body or ""):
        return nh3.clean(body, tags=_ALLOWED_TAGS, link_rel="noopener noreferrer nofollow")
    return linebreaks(escape(body or ""))


def text_to_html(text: str) -> str:
    """Plain text (a mail's text part) as safe HTML; anything that looks like a tag is shown as typed."""
    return linebreaks(urlize(text or "", nofollow=True, autoescape=True))
