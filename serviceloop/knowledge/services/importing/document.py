"""What a file to import says once read: a title, a Markdown body, maybe a language and tags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

# Han ideographs (with extension A and compatibility forms), kana and CJK punctuation.
_CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Chinese writes a word in one or two characters where English spends five or six letters, so a
# fifth of the letters being Chinese already means the text is Chinese with English model numbers.
_CJK_SHARE = 0.2


class Unreadable(Exception):
    """A file that cannot become an article; the message says why, for the person importing."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Document:
    title: str
    body: str
    language: str | None = None
    tags: list[str] = field(default_factory=list)


def detect_language(text: str) -> str:
    """zh-hans when enough of the letters are Chinese, else en."""
    letters = sum(1 for char in text if char.isalpha())
    if not letters:
        return "en"
    return "zh-hans" if len(_CJK.findall(text)) / letters >= _CJK_SHARE else "en"


def title_from_name(path: Path) -> str:
    """`spindle_belt-replacement.md` -> `spindle belt replacement`."""
    return re.sub(r"[_\-]+", " ", path.stem).strip() or path.name


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            _("not UTF-8 text (byte %(position)s); save it as UTF-8 and import it again.")
            % {"position": exc.start}
        ) from None


def without_leading_heading(body: str, title: str) -> str:
    """The body without a first `# Title` line that repeats the title (the page shows the title)."""
    lines = body.lstrip("\n").split("\n")
    if lines and re.fullmatch(r"#\s+(.*?)\s*#*\s*", lines[0]) and lines[0].lstrip("# ").strip(" #") == title:
        return "\n".join(lines[1:]).strip("\n")
    return body.strip("\n")


def finished(title: str, body: str, path: Path, *, language: str | None = None,
             tags: list[str] | None = None) -> Document:  # fmt: skip
    """A document with a title (from the file name if none) and a body that is not empty."""
    title = " ".join(title.split()) or title_from_name(path)
    body = without_leading_heading(body, title)
    if not body.strip():
        raise Unreadable(_("no text to import (the file is empty or has only a title)."))
    return Document(title=title, body=body + "\n", language=language, tags=tags or [])


def markdown_table(rows: list[list[str]]) -> str:
    """Rows of cell texts as a Markdown table, the first row its header; short rows padded."""
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)
