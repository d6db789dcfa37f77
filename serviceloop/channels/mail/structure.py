"""Walking the MIME tree of a mail: which parts are the body, which are attachments, what is special.

Limits keep a hostile mail from costing much: the walk stops at MAX_DEPTH multipart levels and after
MAX_PARTS parts, noting a problem each time; the raw mail, stored before parsing, keeps the rest.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from email.message import Message
from email.policy import default

from . import pkcs7, special
from .bodies import plain_to_html, unflow
from .charsets import decode_bytes, safe_text
from .headers import decode_header_text, parse_params
from .parsed import MailPart, UnreadableMail
from .transfer import decode_base64, decode_quoted_printable

MAX_DEPTH = 30
MAX_PARTS = 1000
_EXTENSIONS = {
    "text/plain": ".txt", "text/html": ".html", "text/calendar": ".ics", "application/ics": ".ics",
    "text/csv": ".csv", "application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png",
    "image/gif": ".gif", "image/webp": ".webp", "image/bmp": ".bmp", "image/tiff": ".tif",
    "message/rfc822": ".eml", "message/global": ".eml", "message/delivery-status": ".txt",
    "message/disposition-notification": ".txt", "text/rfc822-headers": ".txt", "application/zip": ".zip",
    "application/octet-stream": ".bin", "application/json": ".json", "application/xml": ".xml",
}  # fmt: skip
_SPECIAL_NAMES = {
    "application/pkcs7-signature": "smime.p7s", "application/x-pkcs7-signature": "smime.p7s",
    "application/pkcs7-mime": "smime.p7m", "application/x-pkcs7-mime": "smime.p7m",
    "application/pgp-signature": "signature.asc", "application/pgp-encrypted": "pgp-encrypted.asc",
    "text/calendar": "invite.ics", "application/ics": "invite.ics",
}  # fmt: skip
_UNSAFE_IN_NAMES = str.maketrans({ch: "_" for ch in '<>:"|?*\x7f'})


@dataclass
class Piece:
    """One readable piece of the body: its plain text, its HTML, or both (multipart/alternative)."""

    plain: str | None = None
    html: str | None = None


@dataclass
class Walk:
    pieces: list[Piece] = field(default_factory=list)
    attachments: list[MailPart] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    calendar_texts: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what to say when nothing else is readable
    language: str = ""
    is_signed: bool = False
    is_calendar: bool = False
    is_bounce: bool = False
    parts_seen: int = 0
    linesep: str = "\r\n"


def walk(message: Message, linesep: str) -> Walk:
    found = Walk(linesep=linesep)
    found.pieces = _visit(message, 0, found)
    return found


def _visit(part: Message, depth: int, found: Walk) -> list[Piece]:
    found.parts_seen += 1
    if found.parts_seen > MAX_PARTS:
        if found.parts_seen == MAX_PARTS + 1:
            found.problems.append(f"more than {MAX_PARTS} parts; the rest was not read")
        return []
    found.problems.extend(f"mime: {type(defect).__name__}" for defect in part.defects)
    try:
        content_type = part.get_content_type()
        if content_type.startswith("message/") and part.is_multipart():
            _attach_message(part, content_type, found)
            return []
        if part.is_multipart():
            return _visit_multipart(part, content_type, depth + 1, found)
        return _visit_leaf(part, content_type, found)
    except RecursionError:
        found.problems.append("a part nests too deeply to be read")
    except Exception as error:
        found.problems.append(f"a part could not be read: {type(error).__name__}")
    return []


def _visit_multipart(part: Message, content_type: str, depth: int, found: Walk) -> list[Piece]:
    if depth > MAX_DEPTH:
        found.problems.append(f"more than {MAX_DEPTH} nested multipart levels; the deeper ones were not read")
        return []
    _type, params = parse_params(_raw_header(part, "content-type"))
    if content_type == "multipart/signed":
        found.is_signed = True
    elif content_type == "multipart/report" and params.get("report-type", "").lower() == "delivery-status":
        found.is_bounce = True
    elif content_type == "multipart/encrypted":
        found.notices.append(special.encrypted_notice())
    payload = part.get_payload()
    children = [child for child in payload if isinstance(child, Message)] if isinstance(payload, list) else []
    if content_type == "multipart/alternative":
        return _choose_alternative(children, depth, found)
    pieces: list[Piece] = []
    for child in children:
        pieces.extend(_visit(child, depth, found))
    return pieces


def _choose_alternative(children: list[Message], depth: int, found: Walk) -> list[Piece]:
    """The first plain text and the last (richest) HTML among the alternatives."""
    plain: str | None = None
    html: str | None = None
    for child in children:
        merged = _merge(_visit(child, depth, found))
        if merged.plain is not None and plain is None:
            plain = merged.plain
        if merged.html is not None:
            html = merged.html
    return [Piece(plain, html)] if plain is not None or html is not None else []


def _merge(pieces: list[Piece]) -> Piece:
    if not pieces:
        return Piece()
    plains = [piece.plain for piece in pieces if piece.plain is not None]
    htmls = [piece.html if piece.html is not None else plain_to_html(piece.plain or "") for piece in pieces]
    has_html = any(piece.html is not None for piece in pieces)
    return Piece("\n\n".join(plains) if plains else None, "".join(htmls) if has_html else None)


def _visit_leaf(part: Message, content_type: str, found: Walk) -> list[Piece]:
    disposition, disposition_params = parse_params(_raw_header(part, "content-disposition"))
    _type, type_params = parse_params(_raw_header(part, "content-type"))
    filename = disposition_params.get("filename") or type_params.get("name") or ""
    if content_type in special.SIGNATURE_TYPES:
        found.is_signed = True
    if content_type in special.CALENDAR_TYPES:
        return _calendar(part, filename, type_params, found)
    if content_type in special.SMIME_TYPES:
        return _smime(part, content_type, filename, type_params, found)
    is_body = content_type in ("text/plain", "text/html") or part.get_content_maintype() == "multipart"
    if is_body and disposition != "attachment" and not filename:
        return _body(part, content_type, type_params, found)
    _add_attachment(found, part, content_type, filename, disposition)
    return []


def _body(part: Message, content_type: str, params: dict[str, str], found: Walk) -> list[Piece]:
    text = decode_text(part, params.get("charset"), found)
    found.language = found.language or _raw_header(part, "content-language")
    if content_type == "text/html":
        return [Piece(html=text)]
    if params.get("format", "").lower() == "flowed":
        text = unflow(text, params.get("delsp", "").lower() == "yes")
    if special.PGP_SIGNED_START in text:
        pgp = special.read_inline_pgp(text)
        if pgp.signature:
            found.is_signed = True
            text = pgp.text
            _add(found, "signature.asc", "application/pgp-signature", pgp.signature.encode())
    elif special.PGP_MESSAGE_START in text:
        found.notices.append(special.encrypted_notice())
        _add(found, "encrypted.asc", "application/pgp-encrypted", text.encode())
        return []
    return [Piece(plain=text)]


def _calendar(part: Message, filename: str, params: dict[str, str], found: Walk) -> list[Piece]:
    found.is_calendar = True
    data = decode_content(part, found)
    ics, _problem = decode_bytes(data, params.get("charset") or "utf-8")
    found.calendar_texts.append(special.calendar_summary(ics))
    _add(found, filename or "invite.ics", "text/calendar", data)
    return []


def _smime(
    part: Message, content_type: str, filename: str, params: dict[str, str], found: Walk
) -> list[Piece]:
    """An S/MIME part. Opaque signed data is opened and the MIME entity inside walked like any other
    part, under the walk's limits; the original stays an attachment, after the entity's own, as the
    evidence of the signature. The signature is NOT verified (see `pkcs7`): the desk reads the mail, it
    does not vouch for who sent it.

    Encrypted data, and signed data that cannot be read or comes after `pkcs7.MAX_LAYERS` S/MIME parts
    of the same mail (signed inside signed inside ...), stay an attachment with a notice saying so.
    """
    from .parsing import read_tree  # parsing imports this module; its reading limits apply here too

    data = decode_content(part, found)
    _add(found, filename or "smime.p7m", content_type, data)
    if special.smime_kind(params.get("smime-type", ""), data) != "signed":
        found.notices.append(special.encrypted_notice())
        return []
    found.is_signed = True
    original = len(found.attachments) - 1
    layers = sum(1 for kept in found.attachments if kept.content_type in special.SMIME_TYPES)
    entity = pkcs7.signed_content(data) if layers <= pkcs7.MAX_LAYERS else None
    inner: Message | None = None
    whole = False
    try:
        if entity is not None:
            inner, whole = read_tree(entity, found.problems)
    except UnreadableMail:
        pass
    if inner is None or not whole:
        found.problems.append(
            f"more than {pkcs7.MAX_LAYERS} S/MIME parts; the others were not opened"
            if layers > pkcs7.MAX_LAYERS
            else "the content of an S/MIME signature could not be read"
        )
        found.notices.append(special.opaque_signed_notice())
        return []
    pieces = _visit(inner, layers, found)  # each S/MIME layer counts as a level
    found.attachments.append(found.attachments.pop(original))
    return pieces


def _attach_message(part: Message, content_type: str, found: Walk) -> None:
    """A forwarded mail (or a delivery report) kept whole, named after its subject."""
    generator_policy = default.clone(linesep=found.linesep, refold_source="none", max_line_length=None)
    whole = part.as_bytes(policy=generator_policy)
    separator = (found.linesep * 2).encode()
    if whole.startswith(found.linesep.encode()):  # a part without headers (the default in a digest)
        data = whole[len(found.linesep) :]
    else:
        data = whole.split(separator, 1)[1] if separator in whole else b""
    encoding = _raw_header(part, "content-transfer-encoding").strip().lower()
    if encoding == "base64":
        data = decode_base64(data)[0]
    elif encoding == "quoted-printable":
        data = decode_quoted_printable(data)
    name = ""
    inner = part.get_payload()
    first = inner[0] if isinstance(inner, list) and inner else None
    if content_type in ("message/rfc822", "message/global") and isinstance(first, Message):
        subject = decode_header_text(_raw_header(first, "subject"))
        name = f"{subject}.eml" if subject else ""
    _add(found, name, content_type, data)


def _add_attachment(found: Walk, part: Message, content_type: str, filename: str, disposition: str) -> None:
    content_id = _clean_content_id(_raw_header(part, "content-id"))
    data = decode_content(part, found)
    inline = bool(content_id) and disposition != "attachment"
    _add(found, filename, content_type, data, content_id=content_id, inline=inline)


def _add(
    found: Walk, filename: str, content_type: str, data: bytes, content_id: str = "", inline: bool = False
) -> None:
    name = safe_filename(filename) or _SPECIAL_NAMES.get(content_type) or _numbered_name(found, content_type)
    found.attachments.append(MailPart(name, content_type, data, content_id=content_id, inline=inline))


def decode_content(part: Message, found: Walk) -> bytes:
    """The bytes of a leaf part with its transfer encoding undone as far as possible."""
    encoding = _raw_header(part, "content-transfer-encoding").strip().lower()
    if encoding == "base64":
        payload = part.get_payload()
        raw = payload.encode("ascii", "ignore") if isinstance(payload, str) else b""
        data, problem = decode_base64(raw)
        if problem:
            found.problems.append(problem)
        return data
    decoded = part.get_payload(decode=True)
    return decoded if isinstance(decoded, bytes) else b""


def decode_text(part: Message, charset: str | None, found: Walk) -> str:
    text, problem = decode_bytes(decode_content(part, found), charset)
    if problem:
        found.problems.append(problem)
    return safe_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def safe_filename(name: str) -> str:
    """Only the last path component, no control or reserved characters, at most 200 characters."""
    name = safe_text(name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch >= " ").translate(_UNSAFE_IN_NAMES)
    name = " ".join(name.split()).strip(" .")
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = stem[:190] + dot + extension[:9] if dot and len(extension) < 10 else name[:200]
    return name


def _numbered_name(found: Walk, content_type: str) -> str:
    return f"attachment-{len(found.attachments) + 1}{_extension(content_type)}"


def _extension(content_type: str) -> str:
    return _EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ".bin"


def _clean_content_id(value: str) -> str:
    value = safe_text("".join(value.split()))
    return value[1 : value.index(">")] if value.startswith("<") and ">" in value else value[:998]


def _raw_header(part: Message, name: str) -> str:
    """The first raw value of a header, "" when absent; raw so that 8-bit bytes can still be repaired."""
    for key, value in part.raw_items():
        if key.lower() == name:
            return value if isinstance(value, str) else str(value)
    return ""
