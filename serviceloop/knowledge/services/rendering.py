"""Articles are written in Markdown and shown as HTML, sanitised: no scripts, no event handlers, no
javascript: links, whoever wrote the text."""

from __future__ import annotations

import html
import threading

import markdown  # type: ignore[import-untyped]  # no stubs among our dependencies
import nh3

_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "sup", "sub",
    "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead",
    "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}}
_URL_SCHEMES = {"http", "https", "mailto"}
_EXTENSIONS = ["extra", "sane_lists"]


_local = threading.local()


def _converter() -> markdown.Markdown:
    # Building a converter loads its extensions, which costs more than converting a page; one per
    # thread, reset between texts, as Markdown objects are not thread-safe.
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    return converter


def render_markdown(text: str) -> str:
    """`text` (Markdown) as safe HTML. Raw HTML inside the Markdown is sanitised like the rest."""
    rendered = _converter().reset().convert(text or "")
    return nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(text: str) -> str:
    """`text` (Markdown) as the words a reader sees, for snippets."""
    return html.unescape(nh3.clean(render_markdown(text), tags=set())).strip()
