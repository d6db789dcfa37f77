"""Markdown files: the first `# ` heading is the title; optional front matter between `---` lines
may give `title:`, `language:` and `tags:` (YAML-like, one `key: value` a line)."""

from __future__ import annotations

import re
from pathlib import Path

from .document import Document, decode, finished

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` pairs of the front matter, and the text after it."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    values: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, colon, value = line.partition(":")
        if colon:
            values[key.strip().lower()] = value.strip().strip("\"'")
    return values, text[match.end() :]


def _tags(value: str) -> list[str]:
    """`a, b` or `[a, b]`."""
    return [tag.strip().strip("\"'") for tag in value.strip("[]").split(",") if tag.strip()]


def parse_markdown(path: Path, data: bytes) -> Document:
    text = decode(data).replace("\r\n", "\n")
    front, body = _front_matter(text)
    title = front.get("title", "")
    if not title:
        heading = _HEADING.search(body)
        title = heading.group(1) if heading else ""
    return finished(
        title, body, path, language=front.get("language") or None, tags=_tags(front.get("tags", ""))
    )
