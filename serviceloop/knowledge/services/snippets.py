"""A short passage of an article with the searched words marked, safe to put into a page."""

from __future__ import annotations

import re

from django.utils.html import escape

from ..models import Article
from .rendering import plain_text

WIDTH = 200
_SEPARATOR = r"[-_/.\s]?"
_RUNS = re.compile(r"[^\W\d_]+|\d+|_")


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    """One expression for all terms; letter/digit runs may be written apart ("hx2000" ~ "HX-2000")."""
    alternatives = []
    for term in sorted({t for t in terms if t.strip()}, key=len, reverse=True):
        words = term.split()  # an alternative such as "hx 2000"
        runs = [run for word in words for run in (_RUNS.findall(word) or [word])]
        pattern = _SEPARATOR.join(re.escape(run) for run in runs)
        # An English stem ("replac") is marked with the rest of its word ("replaced").
        alternatives.append(pattern + "[a-z]*" if term.isascii() and term.isalpha() else pattern)
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def highlight(text: str, terms: list[str], width: int = WIDTH) -> str:
    """About `width` characters of `text` around the first searched word, escaped, words in <mark>."""
    pattern = _pattern(terms)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - width // 3) if found else 0
    passage = text[start : start + width]
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(passage) if pattern else ():
        pieces.append(escape(passage[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(passage[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + "".join(pieces).strip() + suffix


def snippet(article: Article, terms: list[str]) -> str:
    """From the symptom when it holds a searched word, else from the text, else the title."""
    pattern = _pattern(terms)
    for source in (article.symptom, plain_text(article.body), article.fix_steps, article.cause):
        text = " ".join((source or "").split())
        if text and pattern and pattern.search(text):
            return highlight(text, terms)
    return highlight(" ".join((article.symptom or plain_text(article.body) or article.title).split()), terms)
