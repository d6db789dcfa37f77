"""Reading header values as clients really write them.

The email package's own header classes decode each RFC 2047 word on its own (Chinese clients split a
character across two words) and replace undeclared 8-bit bytes, so these readers work from the raw
values and keep every character they can.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from urllib.parse import unquote_to_bytes

from .charsets import decode_bytes, repair, safe_text
from .transfer import decode_base64, decode_q_word

_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,75})\?([bBqQ])\?([^?\s]*)\?=")
_FOLD = re.compile(r"\r?\n|\r")
_MESSAGE_ID = re.compile(r"<([^<>\s]{1,998})>")
_ADDRESS = re.compile(r"[^\s<>()\[\],;:\"@]+@[^\s<>()\[\],;:\"@]+")
_VALID_ADDRESS = re.compile(r"[^\s<>()\[\],;:\"@]{1,64}@[^\s<>()\[\],;:\"@]{1,255}")
_PARAM_SPLIT = re.compile(r'(?:[^;"]|"(?:[^"\\]|\\.)*")+')
_RFC2231_NAME = re.compile(r"([^*]+)(?:\*(\d{1,3}))?(\*)?")
_ESCAPED = re.compile(r"\\(.)")
MAX_VALUE = 16_384  # longer values are cut when read (the raw mail keeps them whole)
MAX_IDS = 100


def unfold(value: str) -> str:
    return _FOLD.sub("", value)


def decode_header_text(value: str, problems: list[str] | None = None) -> str:
    """An unstructured header (Subject, a display name, a filename) as readable text on one line."""
    value = unfold(value[:MAX_VALUE])
    if "=?" not in value:
        return safe_text(" ".join(repair(value).split()))
    pieces: list[str] = []
    pending = bytearray()
    pending_charset = ""

    def flush() -> None:
        if pending:
            text, problem = decode_bytes(bytes(pending), pending_charset)
            pieces.append(text)
            if problem and problems is not None:
                problems.append(f"header: {problem}")
            pending.clear()

    position = 0
    for word in _ENCODED_WORD.finditer(value):
        literal = value[position : word.start()]
        # Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
        if literal and not (pending and literal.isspace()):
            flush()
            pieces.append(repair(literal))
        charset = word.group(1).split("*", 1)[0].lower()
        if charset != pending_charset:
            flush()
            pending_charset = charset
        pending.extend(_decode_word(word.group(2), word.group(3), problems))
        position = word.end()
    flush()
    pieces.append(repair(value[position:]))
    return safe_text(" ".join("".join(pieces).split()))


def _decode_word(encoding: str, text: str, problems: list[str] | None) -> bytes:
    if encoding in "qQ":
        return decode_q_word(text)
    data, problem = decode_base64(text.encode("ascii", "ignore"))
    if problem and problems is not None:
        problems.append(f"header: {problem}")
    return data


def parse_params(value: str) -> tuple[str, dict[str, str]]:
    """`text/plain; charset="utf-8"` as ("text/plain", {"charset": "utf-8"}), RFC 2231 values joined."""
    segments = _PARAM_SPLIT.findall(unfold(value[:MAX_VALUE]))
    if not segments:
        return "", {}
    main = segments[0].strip().lower() if "=" not in segments[0] else ""
    params: dict[str, str] = {}
    sections: dict[str, list[tuple[int, str, bool]]] = {}
    for segment in segments[0 if not main else 1 :]:
        name, equals, raw = segment.partition("=")
        match = _RFC2231_NAME.fullmatch(name.strip().lower())
        if not equals or not match:
            continue
        raw = raw.strip()
        if raw.startswith('"'):
            raw = _ESCAPED.sub(r"\1", raw[1:-1] if len(raw) > 1 and raw.endswith('"') else raw[1:])
        base, index, encoded = match.groups()
        if index is None and not encoded:
            params.setdefault(base, decode_header_text(raw) if "=?" in raw else safe_text(repair(raw)))
        else:
            sections.setdefault(base, []).append((int(index or 0), raw, bool(encoded)))
    for base, parts in sections.items():
        params[base] = _join_rfc2231(sorted(parts, key=lambda part: part[0]))
    return main, params


def _join_rfc2231(parts: list[tuple[int, str, bool]]) -> str:
    charset = ""
    data = bytearray()
    for position, (_index, raw, encoded) in enumerate(parts):
        if encoded and position == 0 and raw.count("'") >= 2:
            charset, _language, raw = raw.split("'", 2)
        if encoded:
            data.extend(unquote_to_bytes(raw.encode("utf-8", "surrogateescape")))
        else:
            data.extend(raw.encode("utf-8", "surrogateescape"))
    return safe_text(decode_bytes(bytes(data), charset or "utf-8")[0])


def parse_addresses(value: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs; a bare address written without brackets is found too."""
    if not value:
        return []
    value = repair(unfold(value[:MAX_VALUE]))
    found = []
    for name, address in getaddresses([value]):
        cleaned = clean_address(address)
        if cleaned:
            found.append((decode_header_text(name), cleaned))
    if not found:
        match = _ADDRESS.search(value)
        if match and clean_address(match.group(0)):
            rest = (value[: match.start()] + value[match.end() :]).strip(" \t<>\"'")
            found.append((decode_header_text(rest), clean_address(match.group(0))))
    return found


def clean_address(address: str) -> str:
    address = address.strip().strip("<>").strip().lower()
    return safe_text(address) if _VALID_ADDRESS.fullmatch(address) else ""


def message_ids(value: str) -> list[str]:
    """Message-IDs without brackets, in order, each once; of a very long list the first and the last."""
    value = repair(value)
    ids = _MESSAGE_ID.findall(value) or [token.strip("<>") for token in value.split() if "@" in token]
    unique = list(dict.fromkeys(safe_text(id_) for id_ in ids if id_))
    if len(unique) > MAX_IDS:
        unique = unique[:1] + unique[-(MAX_IDS - 1) :]
    return unique


def parse_date(value: str) -> datetime | None:
    """An aware datetime, or None when the value is no date; a date without zone is taken as UTC."""
    value = " ".join(unfold(value[:200]).split())
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
