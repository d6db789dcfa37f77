"""A light English stemmer, so "resets", "resetting" and "reset" find one another.

Articles are indexed with each English word *and* its stem, and a query searches by stems, so an
exact word still matches while its other forms do too. Only plain ASCII words of four letters or
more are touched; Chinese, model numbers and short words pass through as they are. Both databases
receive the same stems, so they keep finding the same articles (PostgreSQL's 'simple' configuration
and SQLite's unicode61 do no stemming of their own).
"""

from __future__ import annotations

_VOWELS = frozenset("aeiouy")
_KEEP_DOUBLE = frozenset("lsz")  # "install", "pass", "buzz": the doubled letter belongs to the word


def _plural(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _ending(word: str) -> str:
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and _VOWELS.intersection(stem):
            if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | _KEEP_DOUBLE:
                stem = stem[:-1]  # "stopped", "running"
            return stem
    return word


def stem(word: str) -> str:
    """The stem of an English word ("replaces", "replaced", "replacing" -> "replac"); others unchanged."""
    if len(word) < 4 or not (word.isascii() and word.isalpha()):
        return word
    word = _ending(_plural(word))
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word
