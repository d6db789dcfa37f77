"""Hostile and huge mails: bounded work, no crash, and `UnreadableMail` as the only exception."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serviceloop.channels.mail.parsing import ParsedMail, UnreadableMail, parse
from serviceloop.channels.mail.structure import MAX_DEPTH, MAX_PARTS

CORPUS = Path(__file__).parent / "corpus"
CORPUS_MAILS = [path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))]


def nested(levels: int) -> bytes:
    """A mail whose multipart level n holds the text "level n" and level n + 1."""
    body = b"Content-Type: text/plain\r\n\r\ninnermost\r\n"
    for level in range(levels, 0, -1):
        boundary = b"n%d" % level
        body = (
            b"Content-Type: multipart/mixed; boundary="
            + boundary
            + b"\r\n\r\n--"
            + boundary
            + b"\r\nContent-Type: text/plain\r\n\r\nlevel %d\r\n--" % level
            + boundary
            + b"\r\n"
            + body
            + b"\r\n--"
            + boundary
            + b"--\r\n"
        )
    return b"From: deep@example.com\r\nSubject: deep\r\n" + body


def with_parts(count: int) -> bytes:
    parts = b"".join(
        b"--x\r\nContent-Type: application/octet-stream\r\n\r\npart %d\r\n" % n for n in range(count)
    )
    return b"From: many@example.com\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n" + (
        parts + b"--x--\r\n"
    )


def test_nesting_deeper_than_the_limit_is_not_followed() -> None:
    mail = parse(nested(MAX_DEPTH + 10))
    assert f"level {MAX_DEPTH}\n" in mail.text + "\n"
    assert f"level {MAX_DEPTH + 1}" not in mail.text
    assert "innermost" not in mail.text
    assert any("nested multipart levels" in defect for defect in mail.defects)


def test_nesting_beyond_what_the_parser_can_follow_still_gives_the_headers() -> None:
    mail = parse(nested(3000))
    assert (mail.subject, mail.from_address, mail.text) == ("deep", "deep@example.com", "")
    assert any("nest too deeply" in defect for defect in mail.defects)


def test_more_parts_than_the_limit_are_not_read() -> None:
    mail = parse(with_parts(20_000))
    assert MAX_PARTS - 10 < len(mail.attachments) < MAX_PARTS
    assert mail.attachments[0].content == b"part 0"
    assert any(f"more than {MAX_PARTS} parts" in defect for defect in mail.defects)


def test_a_20_mb_attachment_parses() -> None:
    data = os.urandom(20 * 1024 * 1024)
    raw = (
        b"From: big@example.com\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
        b"--x\r\nContent-Type: text/plain\r\n\r\nsee the file\r\n"
        b"--x\r\nContent-Type: application/octet-stream; name=big.bin\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(data) + b"--x--\r\n"
    )
    mail = parse(raw)
    assert mail.text == "see the file"
    assert mail.attachments[0].filename == "big.bin"
    assert mail.attachments[0].content == data


def test_a_mail_over_the_size_limit_is_unreadable(settings) -> None:
    settings.MAIL_MAX_BYTES = 1000
    raw = b"From: a@example.com\r\nSubject: long\r\n\r\n" + b"x" * 1000
    with pytest.raises(UnreadableMail, match="more than the limit of 1000"):
        parse(raw)
    parse(raw[:1000])


def test_countless_headers_are_kept_to_a_bounded_number() -> None:
    raw = b"From: a@example.com\r\n" + b"".join(b"X-H%d: v\r\n" % n for n in range(20_000)) + b"\r\nbody\r\n"
    mail = parse(raw)
    assert len(mail.headers) == 500
    assert mail.text == "body"


def test_a_very_long_references_list_keeps_its_ends() -> None:
    ids = b" ".join(b"<m%d@example.com>" % n for n in range(5000))
    mail = parse(b"From: a@example.com\r\nReferences: " + ids + b"\r\n\r\nbody\r\n")
    assert len(mail.references) == 100
    assert mail.references[0] == "m0@example.com"
    assert mail.references[-1] == "m4999@example.com"


def assert_storable(mail: ParsedMail) -> None:
    texts = [mail.subject, mail.from_name, mail.from_address, mail.text, mail.html, mail.message_id]
    texts += [*mail.headers, *mail.headers.values(), *mail.defects, *mail.references, *mail.to]
    texts += [part.filename for part in mail.attachments]
    for text in texts:
        text.encode("utf-8")
        assert "\x00" not in text
    assert mail.date is None or mail.date.tzinfo is not None


def parse_or_unreadable(raw: bytes) -> None:
    try:
        mail = parse(raw)
    except UnreadableMail:
        return
    assert_storable(mail)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_parse_or_are_unreadable(raw: bytes) -> None:
    parse_or_unreadable(raw)


_header_names = st.sampled_from(
    [
        "From",
        "To",
        "Cc",
        "Subject",
        "Date",
        "Message-ID",
        "References",
        "In-Reply-To",
        "Return-Path",
        "Content-Type",
        "Content-Disposition",
        "Content-Transfer-Encoding",
        "Auto-Submitted",
        "X-Odd",
    ]
)
_charsets = st.sampled_from(
    [
        "utf-8",
        "gb2312",
        "big5",
        "iso-2022-jp",
        "zlib",
        "unicode_escape",
        "idna",
        "rot13",
        "x-nope",
        "utf-16",
        "",
    ]
)
_header_values = st.one_of(
    st.binary(max_size=80).map(lambda data: data.replace(b"\r", b"").replace(b"\n", b"")),
    st.builds(
        lambda charset, mode, data: b"=?%s?%s?%s?=" % (charset.encode(), mode, data),
        _charsets,
        st.sampled_from([b"B", b"Q"]),
        st.binary(max_size=30).map(base64.b64encode),
    ),
    st.sampled_from(
        [
            b"multipart/mixed; boundary=b",
            b"multipart/alternative; boundary=b",
            b"text/html; charset=zlib",
            b"message/rfc822",
            b"application/pkcs7-mime",
            b"text/calendar",
            b"multipart/report; report-type=delivery-status",
            b"attachment; filename*0*=x'y'%FF%00; filename*1=\"a",
            b"base64",
            b"quoted-printable",
            b"<>",
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_header_names, _header_values), min_size=1, max_size=12),
    st.lists(
        st.one_of(
            st.binary(max_size=60), st.sampled_from([b"--b", b"--b--", b"", b"Content-Type: text/html"])
        )
    ),
)
def test_mail_shaped_garbage_parses(headers: list[tuple[str, bytes]], body: list[bytes]) -> None:
    raw = b"".join(name.encode() + b": " + value + b"\r\n" for name, value in headers)
    parse_or_unreadable(raw + b"\r\n" + b"\r\n".join(body))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CORPUS_MAILS), st.data())
def test_mutated_corpus_mails_parse(raw: bytes, data: st.DataObject) -> None:
    mutated = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, max(0, len(mutated) - 1)))
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if action == "flip" and mutated:
            mutated[at] = data.draw(st.integers(0, 255))
        elif action == "insert":
            mutated[at:at] = data.draw(
                st.sampled_from([b"\r\n", b"--", b"=?", b"\x00", b"\xff\xfe", b";", b'"'])
            )
        elif action == "delete":
            del mutated[at : at + data.draw(st.integers(1, 40))]
        else:
            del mutated[at:]
    parse_or_unreadable(bytes(mutated))
