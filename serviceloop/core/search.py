"""Word segmentation for search: Chinese has no spaces, so words are cut with jieba (rjieba).

The same segmented text feeds SQLite FTS5 and PostgreSQL's 'simple' tsvector, and the same
function turns a user's query into terms, so both databases find the same tickets.
"""

from __future__ import annotations

import re
import unicodedata

import rjieba

_WORDS = re.compile(r"\w+")
_CJK_RUN = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+)")
# Identifiers such as ticket numbers and serial numbers are kept whole *and* split at the
# punctuation, so "SL-2026-000123" matches "SL-2026-000123" as well as "000123".
# The look-behind starts matches at word starts only: without it every letter of every word is
# tried again, which made this the most expensive step of indexing a long text.
# Possessive (++): a run of letters and digits is never worth giving back, as only a separator may
# follow it; without them every word of a long mail was tried again one letter shorter.
_IDENTIFIER = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]++(?:[-_/.][0-9A-Za-z]++)+")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _cut_runs(runs: list[str]) -> list[list[str]]:
    if not runs:
        return []
    pieces: list[list[str]] = [[]]
    for piece in rjieba.cut("\n".join(runs)):
        if piece == "\n":
            pieces.append([])
        elif piece.strip():
            pieces[-1].append(piece)
    if len(pieces) != len(runs):  # never seen; cutting run by run is the same, only slower
        return [[p for p in rjieba.cut(run) if p.strip()] for run in runs]
    return pieces


def tokens(text: str) -> list[str]:
    """Split `text` into lower-case search terms (words, CJK words, identifier parts)."""
    text = _normalise(text or "")
    out = [re.sub(r"[-_/.]", "", ident) for ident in _IDENTIFIER.findall(text)]
    # Splitting at CJK runs yields [other, cjk, other, cjk, ...]: only the CJK runs go to jieba, so
    # Latin words (Müller, 3000rpm) stay whole. jieba cuts each run on its own anyway, so all runs
    # go in one call, joined by newlines that come back as separators.
    parts = _CJK_RUN.split(text)
    cut_runs = _cut_runs(parts[1::2])
    for index, part in enumerate(parts):
        if index % 2:
            out.extend(cut_runs[index // 2])
        elif part:
            out.extend(_WORDS.findall(part))
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
