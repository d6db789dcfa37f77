"""Word segmentation for search: Chinese has no spaces, so words are cut with jieba (rjieba).

The same segmented text feeds SQLite FTS5 and PostgreSQL's 'simple' tsvector, and the same
function turns a user's query into terms, so both databases find the same tickets.
"""

from __future__ import annotations

import re
import unicodedata

import rjieba

_WORD = re.compile(r"\w", re.UNICODE)
# Identifiers such as ticket numbers and serial numbers are kept whole *and* split at the
# punctuation, so "SL-2026-000123" matches "SL-2026-000123" as well as "000123".
_IDENTIFIER = re.compile(r"[0-9A-Za-z]+(?:[-_/.][0-9A-Za-z]+)+")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """Split `text` into lower-case search terms (words, CJK words, identifier parts)."""
    text = _normalise(text or "")
    out: list[str] = []
    for ident in _IDENTIFIER.findall(text):
        out.append(ident.replace("-", "").replace("_", "").replace("/", "").replace(".", ""))
    for piece in rjieba.cut(text):
        piece = piece.strip()
        if piece and _WORD.search(piece):
            out.extend(part for part in re.split(r"[^\w]+", piece) if part)
    return out


def segment(*texts: str | None) -> str:
    """The search document for some texts: their terms, space-separated."""
    return " ".join(t for text in texts if text for t in tokens(text))


def query_terms(query: str, limit: int = 12) -> list[str]:
    """Terms of a user's query, de-duplicated in order; all must match."""
    seen: dict[str, None] = {}
    for term in tokens(query):
        seen.setdefault(term, None)
    return list(seen)[:limit]
