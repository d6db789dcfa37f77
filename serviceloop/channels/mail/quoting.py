"""Folding quoted history and signatures away from a reply, so the desk sees what the sender wrote.

Nothing is dropped: `fold_quoted` splits the text in two, and the console shows the second half folded.
"""

from __future__ import annotations

import re

_LEADS = re.compile(r"^\s*(?:On|Am|Le|El|Il|Op|在)\b|写道|寫道", re.IGNORECASE)
_ATTRIBUTIONS = [
    re.compile(r"^\s*On\b.{0,300}\b(?:wrote|writes)\s*:\s*$", re.IGNORECASE),  # English (Gmail, Apple, ...)
    re.compile(r"^\s*Am\b.{0,300}\bschrieb\b.{0,300}:\s*$"),  # German
    re.compile(r"^\s*Le\b.{0,300}\ba\s+écrit\s*:\s*$", re.IGNORECASE),  # French
    re.compile(r"^\s*El\b.{0,300}\bescribió\s*:\s*$", re.IGNORECASE),  # Spanish
    re.compile(r"^\s*Il\b.{0,300}\bha\s+scritto\s*:\s*$", re.IGNORECASE),  # Italian
    re.compile(r"^\s*Op\b.{0,300}\bschreef\b.{0,300}:\s*$", re.IGNORECASE),  # Dutch
    re.compile(r"^.{0,300}(?:写道|寫道)\s*[:：]\s*$"),  # Chinese: "在 ... 写道：", "张三 于 ... 写道："
]
# The line just above a block of "> " lines may be a short attribution in any of many forms.
_LOOSE_ATTRIBUTION = re.compile(
    r"(?:wrote|writes|schrieb|a\s+écrit|escribió|ha\s+scritto|schreef|写道|寫道)\s*[:：]\s*$", re.IGNORECASE
)
_SEPARATOR = re.compile(
    r"^\s*[-_=*]{2,}\s*(?:Original Message|Original-Nachricht|Ursprüngliche Nachricht|Message d'origine|"
    r"Mensaje original|Messaggio originale|Reply message|原始邮件|原始郵件|原邮件)\s*[-_=*]{2,}\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*_{10,}\s*$")  # Outlook on the web puts a line of underscores above the headers
_FROM = re.compile(r"^\s*\*?\s*(?:From|Von|De|Da|Van|Von|发件人|寄件者|差出人)\s*\*?\s*[:：]", re.IGNORECASE)
_HEADER_FIELD = re.compile(
    r"^\s*\*?\s*(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Inviato|Oggetto|A|"
    r"Enviado|Para|Asunto|Verzonden|Aan|Onderwerp|发送时间|时间|日期|收件人|抄送|主题|寄件日期|收件者|副本|主旨|"
    r"送信日時|宛先|件名)\s*\*?\s*[:：]",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:-- ?|Sent from my .{1,40}|Get Outlook for .{1,30}|发自我的.{1,20}|从我的.{1,20}发送|"
    r"Von meinem .{1,40} gesendet|Envoyé de mon .{1,40})$"
)


def fold_quoted(text: str) -> tuple[str, str]:
    """(what the sender wrote now, the quoted history and signature to show folded)."""
    if not text.strip():
        return text, ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    quote_start = _trailing_quote(lines)
    cuts = [cut for cut in (_first_marker(lines, quote_start), quote_start) if cut is not None]
    if not cuts:
        return text, ""
    cut = min(cuts)
    new = "\n".join(lines[:cut]).rstrip()
    if not new.strip():
        return text, ""  # all of it is quoted: show it all rather than nothing
    return new, "\n".join(lines[cut:]).strip("\n")


def _first_marker(lines: list[str], quote_start: int | None) -> int | None:
    """The first line that starts history: an attribution, an "Original Message" line, a signature."""
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line) or _SEPARATOR.match(line):
            return index
        if _FROM.match(line) and _looks_like_headers(lines, index):
            return index - 1 if index and _RULE.match(lines[index - 1]) else index
        if _LEADS.search(line) and (length := _attribution_length(lines, index)):
            following = _next_filled(lines, index + length)
            if following is None or not lines[following].lstrip().startswith(">"):
                return index  # history without quote marks, as HTML replies turn out
            if quote_start is not None and quote_start <= following:
                return index
            # Otherwise the answers are written between the quoted lines: keep them all.
    return None


def _attribution_length(lines: list[str], index: int) -> int:
    """How many lines (1 to 3: clients wrap long ones) the attribution starting here takes; 0 if none."""
    joined = lines[index]
    if not joined.strip():
        return 0
    for length in range(1, 4):
        if length > 1:
            if index + length - 1 >= len(lines) or not lines[index + length - 1].strip():
                return 0
            joined += " " + lines[index + length - 1]
        if joined.rstrip().endswith((":", "：")) and any(pattern.match(joined) for pattern in _ATTRIBUTIONS):
            return length
    return 0


def _looks_like_headers(lines: list[str], index: int) -> bool:
    following = [line for line in lines[index + 1 : index + 8] if line.strip()][:5]
    return sum(1 for line in following if _HEADER_FIELD.match(line)) >= 2


def _trailing_quote(lines: list[str]) -> int | None:
    """Where the block of "> " lines that ends the text starts, with the attribution above it."""
    start = None
    for index in range(len(lines) - 1, -1, -1):
        stripped = lines[index].lstrip()
        if stripped.startswith(">"):
            start = index
        elif stripped:
            break
    if start is None:
        return None
    above = _previous_filled(lines, start)
    if above is not None and _LOOSE_ATTRIBUTION.search(lines[above]):
        for length in (3, 2):  # a wrapped attribution: "On ... <" / "anna@example.com> wrote:"
            first = above - length + 1
            if first >= 0 and _attribution_length(lines, first) == length:
                return first
        return above
    return start


def _next_filled(lines: list[str], index: int) -> int | None:
    return next((i for i in range(index, len(lines)) if lines[i].strip()), None)


def _previous_filled(lines: list[str], index: int) -> int | None:
    return next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
