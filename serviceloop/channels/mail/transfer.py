"""Undoing Content-Transfer-Encodings as far as the data allows: a cut-off base64 still gives its bytes."""

from __future__ import annotations

import binascii
import re

_B64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_NOT_B64 = bytes(b for b in range(256) if b not in _B64_ALPHABET)
_PADDING = re.compile(rb"=+")


def decode_base64(data: bytes) -> tuple[bytes, str]:
    """The decoded bytes and a problem description ("" when the data was clean base64).

    Characters outside the alphabet are dropped; each padded run (some clients glue encoded pieces
    together) is decoded on its own; an incomplete last group gives what its bits hold.
    """
    cleaned = data.translate(None, _NOT_B64)
    problem = ""
    if len(cleaned) != len(data.translate(None, b" \t\r\n")):
        problem = "base64 with characters outside the alphabet"
    if len(cleaned) % 4 == 0 and b"=" not in cleaned.rstrip(b"="):
        return binascii.a2b_base64(cleaned), problem
    out = []
    chunks = _PADDING.split(cleaned)
    for position, chunk in enumerate(chunks):
        extra = len(chunk) % 4
        if extra == 1:
            chunk = chunk[:-1]  # a single leftover character holds less than a byte
        if extra:
            chunk += b"=" * (-len(chunk) % 4)
            if extra == 1 or position == len(chunks) - 1:  # not followed by padding: cut off
                problem = problem or "base64 is cut off or badly padded"
        if chunk:
            out.append(binascii.a2b_base64(chunk))
    return b"".join(out), problem


def decode_quoted_printable(data: bytes) -> bytes:
    """Quoted-printable to bytes; stray 8-bit bytes that clients leave unencoded pass through."""
    return binascii.a2b_qp(data)


def decode_q_word(text: str) -> bytes:
    """The "Q" encoding of RFC 2047 encoded words: quoted-printable with "_" for spaces."""
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "replace")
    return binascii.a2b_qp(data, header=True)
