"""Parsing the corpus of real-world shaped mails: each file with what the desk must read from it."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone
from email.parser import BytesParser
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from serviceloop.channels.mail.parsing import ParsedMail, UnreadableMail, parse

CORPUS = Path(__file__).parent / "corpus"


def read(name: str) -> ParsedMail:
    return parse((CORPUS / name).read_bytes())


# file -> expected values. Plain keys compare a ParsedMail field; "text_has"/"text_lacks" look inside
# the text, "html_has"/"html_lacks" inside the html, "files" lists (filename, content type) of the
# attachments, "defect" is a substring of some defect (None: there must be no defect at all).
CASES: dict[str, dict[str, Any]] = {
    "plain_utf8_qp.eml": {
        "subject": "Spindel läuft heiß",
        "from_name": "Anna Müller",
        "from_address": "anna.mueller@mueller-praezision.example",
        "to": ["support@serviceloop.localhost", "desk2@serviceloop.localhost"],
        "cc": ["chef@mueller-praezision.example"],
        "message_id": "20260303091500.1234@mueller-praezision.example",
        "date": datetime(2026, 3, 3, 8, 15, tzinfo=UTC),
        "language": "de-DE",
        "return_path": "anna.mueller@mueller-praezision.example",
        "text_has": ["läuft seit gestern heiß. Bitte um Rückruf.", "Grüße"],
        "html": "",
        "defect": None,
    },
    "gb2312_label_gbk_text.eml": {
        "subject": "主轴异响 镕",
        "from_name": "王喆",
        "text": "您好，镕钢主轴异响，请尽快处理。喆",
        "defect": None,
    },
    "big5.eml": {
        "subject": "機台故障報告",
        "from_name": "陳大文",
        "text": "您好，機台無法啟動。",
        "defect": None,
    },
    "iso2022jp.eml": {
        "subject": "主軸停止",
        "from_name": "山田太郎",
        "text": "お世話になっております。主軸が停止しました。",
        "defect": None,
    },
    "latin1_label_cp1252_text.eml": {
        "subject": "Devis réparation",
        "from_name": "François Léger",
        "text": "Le devis de 1 200 € pour la réparation « urgente » est accepté.",
        "defect": None,
    },
    "windows1251.eml": {
        "subject": "Станок не работает",
        "from_name": "Иван Петров",
        "text": "Здравствуйте, станок остановился.",
    },
    "utf8_label_gbk_text.eml": {
        "text": "设备已经修好了，谢谢。",
        "defect": "not valid utf-8, read as gb18030",
    },
    "unknown_charset.eml": {
        "text": "Pumpe läuft wieder – danke!",
        "defect": "unknown charset 'x-made-up-charset'",
    },
    "raw_utf8_headers.eml": {
        "subject": "设备报警 E-203",
        "from_name": "张伟",
        "text": "报警代码 E-203，请帮忙。",
    },
    "raw_gbk_headers.eml": {
        "subject": "冷却液泄漏",
        "from_name": "刘洋",
        "from_address": "liu.yang@jinggong.example.cn",
        "text": "冷却液从主轴下方泄漏。",
        "defect": "read as gb18030",
    },
    "split_encoded_words.eml": {"subject": "报警代码 E-203", "from_name": "冷却液", "defect": None},
    "filenames.eml": {
        "files": [
            ("Prüfbericht März.pdf", "application/pdf"),
            ("主轴_photo.jpg", "image/jpeg"),
            ("零件清单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("evil_1_.bat", "application/octet-stream"),
            ("报价单.pdf", "application/pdf"),
        ],
        "text": "Anbei die Dateien.",
    },
    "missing_headers.eml": {
        "subject": "",
        "from_address": "",
        "from_name": "",
        "date": None,
        "message_id": "",
        "to": [],
        "text": "A body without sender, subject, date or id.",
    },
    "truncated_base64.eml": {"text_has": ["Fehler 42 nach dem Neustart. Die Maschine"], "defect": "cut off"},
    "html_only.eml": {
        "text_has": [
            "Fehlerbericht\n\nDie Maschine stört.\nZweite Zeile.",
            "- Pumpe\n- Ventil",
            "1. Ausschalten\n2. Einschalten",
            "Handbuch (https://docs.example.com/e42)",
            "Code E42",
        ],
        "text_lacks": ["alert", "color: red", "Mail title", "javascript"],
        "html_has": ["<h1>Fehlerbericht</h1>", "<b>stört</b>", 'href="https://docs.example.com/e42"'],
        "html_lacks": ["<script", "onload", "onerror", "javascript:", "<style", "Mail title"],
    },
    "alternative.eml": {"text": "The plain version.", "html": "<p>The <i>HTML</i> version.</p>"},
    "alternative_empty_plain.eml": {
        "text": "Only the HTML says something.",
        "html_has": ["<div>Only the HTML"],
    },
    "related_inline_image.eml": {
        "text": "See the screenshot.",
        "html_has": ['src="cid:shot1@example.com"'],
        "files": [("attachment-1.png", "image/png"), ("logo.png", "image/png")],
    },
    "attachments_without_names.eml": {
        "files": [
            ("attachment-1.bin", "application/octet-stream"),
            ("attachment-2.png", "image/png"),
            ("attachment-3.csv", "text/csv"),
        ],
        "text": "Two files.",
    },
    "forwarded_as_attachment.eml": {
        "text": "Please look at the attached mail.",
        "files": [("Maschine stört.eml", "message/rfc822")],
    },
    "smime_signed.eml": {
        "text": "Signed text here.",
        "is_signed": True,
        "files": [("smime.p7s", "application/pkcs7-signature")],
    },
    "smime_encrypted.eml": {
        "text_has": ["encrypted and could not be read"],
        "is_signed": False,
        "files": [("smime.p7m", "application/pkcs7-mime")],
    },
    "smime_opaque_signed.eml": {
        "text_has": ["the coolant pump of line 3 stopped this morning (error E-217)."],
        "text_lacks": ["could not be read"],
        "is_signed": True,
        "files": [("smime.p7m", "application/x-pkcs7-mime")],
        "defect": None,
    },
    "smime_opaque_signed_attachment.eml": {
        "from_name": "Anna Müller",
        "text_has": ["anbei das Prüfprotokoll der Spindel SP-40."],
        "is_signed": True,
        "files": [("Pruefprotokoll SP-40.pdf", "application/pdf"), ("smime.p7m", "application/pkcs7-mime")],
        "defect": None,
    },
    "smime_opaque_signed_gb18030.eml": {
        "subject": "主轴异响 镕",
        "from_name": "王喆",
        "text": "您好：\n\n镕钢主轴异响，请尽快派工程师处理。设备编号：HD-2041。\n\n王喆\n华东机械",
        "is_signed": True,
        "files": [("smime.p7m", "application/pkcs7-mime")],
        "defect": None,
    },
    "pgp_mime_signed.eml": {
        "text": "PGP/MIME signed text.",
        "is_signed": True,
        "files": [("signature.asc", "application/pgp-signature")],
    },
    "pgp_inline_signed.eml": {
        "text": "The valve is broken.\n-- not a signature line",
        "is_signed": True,
        "files": [("signature.asc", "application/pgp-signature")],
    },
    "calendar_outlook.eml": {
        "text": "Termin fuer die Wartung.",
        "is_calendar": True,
        "files": [("invite.ics", "text/calendar")],
    },
    "calendar_only.eml": {
        "is_calendar": True,
        "files": [("invite.ics", "text/calendar")],
        "text": "Calendar invitation: Inspection of line 2\nStarts: 2026-03-25 08:00 UTC\n"
        "Ends: 2026-03-25 09:00 UTC\nLocation: Shanghai plant\nOrganizer: qm@example.com",
    },
    "bounce_dsn.eml": {
        "is_bounce": True,
        "return_path": "<>",
        "from_address": "mailer-daemon@mx.serviceloop.localhost",
        "text": "This is the mail system. Your message could not be delivered.",
        "files": [
            ("attachment-1.txt", "message/delivery-status"),
            ("[SL-2026-000123] Your request.eml", "message/rfc822"),
        ],
    },
    "bad_date.eml": {"date": None, "defect": "unreadable Date 'sometime next week'", "text": "text"},
    "iso_date_no_zone.eml": {"date": datetime(2026, 3, 13, 10, 0, tzinfo=UTC)},
    "flowed.eml": {
        "text": "This is a long line that the client wrapped at seventy-two characters so it continues "
        "here.\n>not a quote, space-stuffed\n\nOn Thu, Anna wrote:\n"
        "> quoted line that was also wrapped by the client.\n-- \nFlo",
    },
    "multipart_without_boundary.eml": {
        "text": "The body is here even though the boundary is missing.",
        "defect": "NoBoundaryInMultipartDefect",
    },
    "references.eml": {
        "message_id": "reply-2@example.com",
        "in_reply_to": ["sl-out-1@serviceloop.localhost"],
        "references": ["root@example.com", "sl-out-1@serviceloop.localhost"],
        "reply_to": ["owner@example.com"],
        "language": "zh-CN",
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_mail_reads_as_expected(name: str) -> None:
    mail = read(name)
    expected = dict(CASES[name])
    for phrase in expected.pop("text_has", []):
        assert phrase in mail.text
    for phrase in expected.pop("text_lacks", []):
        assert phrase not in mail.text
    for phrase in expected.pop("html_has", []):
        assert phrase in mail.html
    for phrase in expected.pop("html_lacks", []):
        assert phrase.lower() not in mail.html.lower()
    if "files" in expected:
        assert [(part.filename, part.content_type) for part in mail.attachments] == expected.pop("files")
    if "defect" in expected:
        defect = expected.pop("defect")
        assert mail.defects == [] if defect is None else any(defect in found for found in mail.defects), (
            mail.defects
        )
    for field, value in expected.items():
        assert getattr(mail, field) == value, field


def test_every_corpus_file_is_in_a_table() -> None:
    from .test_noise import NOISE_CASES

    on_disk = {path.name for path in CORPUS.glob("*.eml")}
    assert on_disk == set(CASES) | set(NOISE_CASES)


@pytest.mark.parametrize("name", sorted(path.name for path in CORPUS.glob("*.eml")))
def test_every_string_is_storable(name: str) -> None:
    """No raw bytes (lone surrogates) and no NUL reach the database from any corpus mail."""
    mail = read(name)
    texts = [mail.subject, mail.from_name, mail.text, mail.html, *mail.headers.values(), *mail.defects]
    texts += [part.filename for part in mail.attachments]
    for text in texts:
        text.encode("utf-8")
        assert "\x00" not in text


def test_attachment_contents_are_decoded() -> None:
    mail = read("filenames.eml")
    assert mail.attachments[0].content == b"%PDF-1.4 fake"
    assert mail.attachments[1].content == b"\xff\xd8\xff\xe0fakejpeg"


def test_inline_images_keep_their_content_id() -> None:
    shot, logo = read("related_inline_image.eml").attachments
    assert (shot.content_id, shot.inline) == ("shot1@example.com", True)
    # Marked as an attachment, but the HTML shows it (with the Content-ID in other letter case).
    assert (logo.content_id, logo.inline) == ("logo@example.com", True)
    assert not read("attachments_without_names.eml").attachments[0].inline


def test_forwarded_mail_is_kept_whole() -> None:
    part = read("forwarded_as_attachment.eml").attachments[0]
    inner = BytesParser(policy=default).parsebytes(part.content)
    assert inner["Message-ID"] == "<inner@example.org>"
    body = inner.get_body()
    assert body is not None
    assert "Original complaint." in body.get_content()
    original = parse(part.content)
    assert (original.subject, original.from_address) == ("Maschine stört", "kunde@example.org")


def test_bounce_keeps_the_returned_mail() -> None:
    status, returned = read("bounce_dsn.eml").attachments
    assert b"Status: 5.1.1" in status.content
    assert parse(returned.content).message_id == "sl-out-1@serviceloop.localhost"


def test_calendar_summary_decodes_ics_escapes_and_zones() -> None:
    ics = read("calendar_outlook.eml").attachments[0].content.decode()
    assert "SUMMARY;LANGUAGE=de-DE:Wartung DMU 50\\, Halle 3" in ics
    mail = parse((CORPUS / "calendar_outlook.eml").read_bytes().replace(b"Termin fuer die Wartung.", b""))
    assert mail.text.splitlines() == [
        "Calendar invitation: Wartung DMU 50, Halle 3",
        "Starts: 2026-03-20 10:00 (W. Europe Standard Time)",
        "Ends: 2026-03-20 12:00 (W. Europe Standard Time)",
        "Location: Halle 3",
        "Organizer: Anna Müller <anna@mueller-praezision.example>",
    ]


def test_headers_are_decoded_and_lower_cased() -> None:
    mail = read("plain_utf8_qp.eml")
    assert mail.headers["subject"] == "Spindel läuft heiß"
    assert mail.headers["from"] == "Anna Müller <Anna.Mueller@Mueller-Praezision.example>"
    assert mail.headers["content-type"] == "text/plain; charset=utf-8"


def test_dates_keep_their_zone() -> None:
    assert read("big5.eml").date == datetime(2026, 3, 5, 8, 30, tzinfo=timezone(timedelta(hours=8)))


def test_a_mail_in_lf_and_in_crlf_reads_the_same() -> None:
    crlf = (CORPUS / "alternative.eml").read_bytes()
    assert b"\r\n" in crlf
    lf = parse(crlf.replace(b"\r\n", b"\n"))
    assert (lf.text, lf.html, lf.subject) == (parse(crlf).text, parse(crlf).html, parse(crlf).subject)


@pytest.mark.parametrize("raw", [b"", b"   \r\n\r\n", b"\r\n\r\nonly a body after an empty header block"])
def test_nothing_usable_is_unreadable(raw: bytes) -> None:
    with pytest.raises(UnreadableMail):
        parse(raw)


def test_bytes_without_headers_are_unreadable() -> None:
    with pytest.raises(UnreadableMail, match="no headers"):
        parse(b"just some text, not a mail\nsecond line\n")


def test_encrypted_pgp_mail_says_so() -> None:
    raw = (
        b"From: a@example.com\nSubject: pgp\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary=e\n\n'
        b"--e\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n"
        b"--e\nContent-Type: application/octet-stream; name=encrypted.asc\n\n"
        b"-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n--e--\n"
    )
    mail = parse(raw)
    assert "encrypted and could not be read" in mail.text
    assert [part.filename for part in mail.attachments] == ["pgp-encrypted.asc", "encrypted.asc"]


def test_opaque_smime_signature_is_recognised_from_its_content() -> None:
    blob = bytes.fromhex("308006092a864886f70d010702") + b"signed-content"
    raw = (
        b"From: a@example.com\nSubject: opaque\nContent-Type: application/pkcs7-mime; name=smime.p7m\n"
        b"Content-Transfer-Encoding: base64\n\n" + base64.b64encode(blob) + b"\n"
    )
    mail = parse(raw)
    assert mail.is_signed
    assert "signed in a form that could not be read" in mail.text
    assert mail.attachments[0].content == blob
