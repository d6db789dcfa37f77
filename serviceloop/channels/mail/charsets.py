"""Turning bytes of unknown or wrongly declared charset into text, never failing.

Clients mislabel a lot: GBK text declared as gb2312, Windows-1252 declared as iso-8859-1, UTF-8 in a
mail that declares nothing. We try the declared charset (read as the superset clients mean), then
UTF-8, then GB18030, and finally Latin-1, which reads any byte.
"""

from __future__ import annotations

import codecs

# Labels seen in mail, mapped to the codec that reads what the sender's client really wrote.
_ALIASES = {
    **dict.fromkeys(
        ["gb2312", "gb_2312", "gb_2312-80", "csgb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936",
         "euc-cn", "x-euc-cn", "chinese", "gb18030", "gb-18030"],
        "gb18030",
    ),
    **dict.fromkeys(["big5", "big-5", "x-big5", "cn-big5", "csbig5", "big5-hkscs"], "big5hkscs"),
    **dict.fromkeys(["ks_c_5601-1987", "ks_c_5601", "euc-kr", "windows-949", "cp949"], "cp949"),
    **dict.fromkeys(["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j"], "cp932"),
    **dict.fromkeys(["iso-2022-jp", "csiso2022jp", "iso2022jp"], "iso2022_jp_2"),
    **dict.fromkeys(["iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819"], "cp1252"),
    **dict.fromkeys(["iso-8859-8-i", "iso-8859-8-e", "logical", "visual"], "iso-8859-8"),
    **dict.fromkeys(["iso-8859-6-i", "iso-8859-6-e"], "iso-8859-6"),
    **dict.fromkeys(["windows-874", "tis-620", "iso-8859-11"], "cp874"),
    **dict.fromkeys(["utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"], "utf-8"),
    **dict.fromkeys(["us-ascii", "ascii", "ansi_x3.4-1968", "us"], "ascii"),
    **dict.fromkeys(["macintosh", "x-mac-roman", "mac"], "mac_roman"),
}  # fmt: skip
# Labels that say "I don't know": treated as if nothing had been declared.
_UNKNOWN = {"unknown-8bit", "x-unknown", "unknown", "x-user-defined", "default", "charset", "8bit", "none"}
# Python codecs that no mail client uses and that can produce odd text (lone surrogates, IDNA rules).
_REFUSED = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "mbcs", "oem"}
_FALLBACKS = ("utf-8", "gb18030")


def codec_for(label: str | None) -> str | None:
    """The Python codec to read a declared charset with; None when it declares nothing usable."""
    if not label:
        return None
    name = label.strip().strip("\"'").strip().lower()[:40]
    if name in _UNKNOWN:
        return None
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        codec = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if codec.name in _REFUSED or not getattr(codec, "_is_text_encoding", True):
        return None
    return codec.name


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text of `data` and a problem description ("" when the declared charset read it cleanly)."""
    codec = codec_for(declared)
    if codec is None and data.isascii() and b"\x1b$" not in data[:4096]:
        return data.decode("ascii"), ""
    if codec is not None:
        try:
            return _strip_bom(data.decode(codec)), ""
        except (UnicodeError, LookupError):
            pass
    candidates = list(_FALLBACKS)
    if codec is None and b"\x1b$" in data[:4096]:
        candidates.insert(0, "iso2022_jp_2")  # undeclared ISO-2022-JP announces itself with escapes
    for candidate in candidates:
        if candidate == codec:
            continue
        try:
            text = data.decode(candidate)
        except UnicodeError:
            continue
        return _strip_bom(text), _problem(declared, codec, candidate)
    return data.decode("latin-1"), _problem(declared, codec, "latin-1")


def _problem(declared: str | None, codec: str | None, used: str) -> str:
    if declared and codec is None and declared.strip().lower() not in _UNKNOWN:
        return f"unknown charset {declared.strip()[:40]!r}, read as {used}"
    if declared and codec is not None:
        return f"text is not valid {declared.strip()[:40]}, read as {used}"
    return f"no charset declared for 8-bit text, read as {used}"


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def repair(text: str) -> str:
    """Text the email package left with raw bytes in it (as surrogates) turned into real characters."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return decode_bytes(raw)[0]


def safe_text(text: str) -> str:
    """Text that any database and template can store: no raw bytes left, no NUL characters."""
    text = repair(text)
    return text.replace("\x00", "") if "\x00" in text else text
