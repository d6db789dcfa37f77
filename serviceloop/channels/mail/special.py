"""Parts that need a word of their own: calendar invitations, PGP and S/MIME signatures, encryption."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_ICS_SCAN = 262_144  # characters of an invitation read for its summary
_ICS_FOLD = re.compile(r"\r?\n[ \t]")
_ICS_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})\d{0,2}(Z?))?$")
_SIGNED_DATA_OID = bytes.fromhex("06092a864886f70d010702")
_ENVELOPED_DATA_OID = bytes.fromhex("06092a864886f70d010703")
PGP_SIGNED_START = "-----BEGIN PGP SIGNED MESSAGE-----"
PGP_SIGNATURE_START = "-----BEGIN PGP SIGNATURE-----"
PGP_SIGNATURE_END = "-----END PGP SIGNATURE-----"
PGP_MESSAGE_START = "-----BEGIN PGP MESSAGE-----"
SIGNATURE_TYPES = {
    "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"
}  # fmt: skip
SMIME_TYPES = {"application/pkcs7-mime", "application/x-pkcs7-mime"}
CALENDAR_TYPES = {"text/calendar", "application/ics", "text/x-vcalendar"}


def encrypted_notice() -> str:
    return _(
        "This message is encrypted and could not be read here. The encrypted original is kept as an "
        "attachment."
    )


def opaque_signed_notice() -> str:
    return _(
        "This message is signed in a form that could not be read here. The signed original is kept as an "
        "attachment."
    )


def smime_kind(smime_type: str, data: bytes) -> str:
    """ "signed" or "encrypted" for an application/pkcs7-mime part, from its parameter or its content."""
    smime_type = smime_type.lower()
    if "signed" in smime_type:
        return "signed"
    if smime_type:
        return "encrypted"  # enveloped-data, authEnveloped-data, compressed-data: nothing we can show
    return "signed" if _SIGNED_DATA_OID in data[:64] and _ENVELOPED_DATA_OID not in data[:64] else "encrypted"


@dataclass
class PgpText:
    text: str
    signature: str  # the armoured signature block, "" when the text was not signed inline


def read_inline_pgp(text: str) -> PgpText:
    """The readable text of a clear-signed message (RFC 4880, 7) and its signature block."""
    start = text.find(PGP_SIGNED_START)
    if start < 0:
        return PgpText(text, "")
    sig_start = text.find(PGP_SIGNATURE_START, start)
    sig_end = text.find(PGP_SIGNATURE_END, sig_start)
    if sig_start < 0 or sig_end < 0:
        return PgpText(text, "")
    signed = text[start + len(PGP_SIGNED_START) : sig_start].lstrip("\r\n")
    armour_end = signed.find("\n\n")
    signed = signed[armour_end + 2 :] if armour_end >= 0 else signed  # "Hash: ..." lines
    lines = [line[2:] if line.startswith("- ") else line for line in signed.split("\n")]
    readable = text[:start] + "\n".join(lines).rstrip("\n") + "\n" + text[sig_end + len(PGP_SIGNATURE_END) :]
    signature = text[sig_start : sig_end + len(PGP_SIGNATURE_END)] + "\n"
    return PgpText(readable.strip("\n"), signature)


def calendar_summary(ics: str) -> str:
    """A few readable lines about an invitation: what, when, where, who invites."""
    fields: dict[str, tuple[str, str]] = {}
    method = ""
    in_event = False
    for line in _ICS_FOLD.sub("", ics[:MAX_ICS_SCAN]).splitlines():
        name_part, _colon, value = line.partition(":")
        name, *params = name_part.split(";")
        name = name.strip().upper()
        if name == "METHOD":
            method = value.strip().upper()
        elif name == "BEGIN" and value.strip().upper() == "VEVENT":
            in_event = True
        elif name == "END" and value.strip().upper() == "VEVENT":
            in_event = False
        elif in_event and name not in fields:
            fields[name] = (";".join(params), value)
    titles = {"CANCEL": _("Cancelled meeting"), "REPLY": _("Reply to a meeting invitation")}
    summary = _ics_text(fields.get("SUMMARY", ("", ""))[1])
    # Each label is a gettext call of its own: makemessages cannot see one inside an f-string.
    title = titles.get(method) or _("Calendar invitation")
    lines = [f"{title}: {summary}"]
    for key, label in (("DTSTART", _("Starts")), ("DTEND", _("Ends"))):
        if key in fields:
            lines.append(f"{label}: {_ics_time(*fields[key])}")
    if fields.get("LOCATION", ("", ""))[1].strip():
        location = _("Location")
        lines.append(f"{location}: {_ics_text(fields['LOCATION'][1])}")
    if "ORGANIZER" in fields:
        organizer = _("Organizer")
        lines.append(f"{organizer}: {_organizer(*fields['ORGANIZER'])}")
    return "\n".join(lines)


def _ics_text(value: str) -> str:
    value = value.replace("\\n", " ").replace("\\N", " ")
    return " ".join(re.sub(r"\\([,;\\])", r"\1", value).split())


def _ics_time(params: str, value: str) -> str:
    match = _ICS_DATE.match(value.strip())
    if not match:
        return _ics_text(value)
    year, month, day, hour, minute, utc = match.groups()
    shown = f"{year}-{month}-{day}" + (f" {hour}:{minute}" if hour else "")
    zone = re.search(r"TZID=\"?([^\";:]+)", params)
    if utc:
        return f"{shown} UTC"
    return f"{shown} ({zone.group(1)})" if zone else shown


def _organizer(params: str, value: str) -> str:
    address = value.strip()
    address = address[7:] if address.lower().startswith("mailto:") else address
    name = re.search(r"CN=\"?([^\";:]+)", params)
    return f"{_ics_text(name.group(1))} <{address}>" if name else address
