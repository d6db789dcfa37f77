"""NUL characters (U+0000) in text from outside.

PostgreSQL refuses NUL in text columns, in query parameters and in jsonb, while SQLite stores it; no
person types one, so input holding one is refused (or, where it only has to be kept, made storable)
the same way on both databases, before it reaches either.
"""

from __future__ import annotations

from typing import Any

NUL = "\x00"
# What a NUL becomes where text must be kept (a receipt, an echo in a message): the character that
# already stands in for bytes that could not be decoded.
REPLACEMENT = "\ufffd"


def contains_nul(value: Any) -> bool:
    """Whether `value` (text, or lists, tuples and dicts of it, keys included) holds a NUL anywhere."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(item) for item in value)
    return False


def storable(value: Any) -> Any:
    """`value` with every NUL in its text (keys included) replaced, so any database can store it."""
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT)
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value
