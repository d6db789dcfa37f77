"""Opaque S/MIME signed mails (application/pkcs7-mime; smime-type=signed-data) are read, not only kept.

The corpus mails smime_opaque_signed*.eml were signed with the openssl CLI and a self-signed
certificate (`openssl smime -sign -nodetach -binary -outform SMIME`; the one with an attachment by
`openssl cms -sign -nodetach -binary -stream`, which writes indefinite lengths and 4096-byte chunks).
Everything else is encoded here by hand.
"""

from __future__ import annotations

import base64
from email import message_from_bytes
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serviceloop.channels.mail import pkcs7
from serviceloop.channels.mail.parsing import ParsedMail, parse
from serviceloop.channels.mail.structure import MAX_DEPTH
from serviceloop.channels.models import InboundMail

CORPUS = Path(__file__).parent / "corpus"
NOTICE = "signed in a form that could not be read"
SIGNED_DATA_OID = bytes.fromhex("06092a864886f70d010702")
ENVELOPED_DATA_OID = bytes.fromhex("06092a864886f70d010703")
DATA_OID = bytes.fromhex("06092a864886f70d010701")


def tlv(tag: int, content: bytes) -> bytes:
    """A definite-length element, the length in its shortest form."""
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(octets)]) + octets + content


def indefinite(tag: int, content: bytes) -> bytes:
    return bytes([tag, 0x80]) + content + b"\x00\x00"


def signed_data(content: bytes | None, chunk: int = 0, open_ended: bool = False) -> bytes:
    """A ContentInfo of SignedData around `content` (None: a detached signature).

    `chunk` > 0 splits the content into a constructed OCTET STRING; `open_ended` gives every
    constructed element an indefinite length, as streaming encoders do."""
    wrap = indefinite if open_ended else tlv
    if content is None:
        encapsulated = wrap(0x30, DATA_OID)
    else:
        octets = tlv(0x04, content)
        if chunk:
            octets = wrap(
                0x24, b"".join(tlv(0x04, content[at : at + chunk]) for at in range(0, len(content), chunk))
            )
        encapsulated = wrap(0x30, DATA_OID + wrap(0xA0, octets))
    digests = tlv(0x31, tlv(0x30, tlv(0x06, bytes.fromhex("608648016503040201"))))
    certificates = wrap(0xA0, tlv(0x30, b"\x02\x01\x07"))  # not read: a stand-in
    signer_infos = tlv(0x31, tlv(0x30, b"\x02\x01\x01"))  # not read either
    signed = wrap(0x30, b"\x02\x01\x01" + digests + encapsulated + certificates + signer_infos)
    return wrap(0x30, SIGNED_DATA_OID + wrap(0xA0, signed))


def opaque_mail(blob: bytes, smime_type: str = "signed-data") -> bytes:
    return (
        b"From: Li Wei <li.wei@example.com>\r\nTo: support@serviceloop.localhost\r\nSubject: signed\r\n"
        b"MIME-Version: 1.0\r\n"
        + smime_headers("base64", smime_type)
        + base64.encodebytes(blob).replace(b"\n", b"\r\n")
    )


def signed_entity(content: bytes, chunk: int = 0) -> bytes:
    """A MIME entity holding `content` opaquely signed, in binary, so that nesting costs few bytes."""
    return smime_headers("binary") + signed_data(content, chunk)


def smime_headers(encoding: str, smime_type: str = "signed-data") -> bytes:
    return (
        b"Content-Type: application/pkcs7-mime; smime-type=" + smime_type.encode() + b'; name="smime.p7m"\r\n'
        b'Content-Disposition: attachment; filename="smime.p7m"\r\n'
        b"Content-Transfer-Encoding: " + encoding.encode() + b"\r\n\r\n"
    )


def corpus_der(name: str) -> bytes:
    payload = message_from_bytes((CORPUS / name).read_bytes()).get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload


def files(mail: ParsedMail) -> list[str]:
    return [part.filename for part in mail.attachments]


TEXT_ENTITY = b"Content-Type: text/plain; charset=utf-8\r\n\r\nThe spindle is fixed, thanks.\r\n"


# The DER/BER reader


@pytest.mark.parametrize("chunk", [0, 1, 7, 4096])
@pytest.mark.parametrize("open_ended", [False, True])
def test_the_content_is_read_in_every_form(chunk: int, open_ended: bool) -> None:
    assert pkcs7.signed_content(signed_data(TEXT_ENTITY, chunk, open_ended)) == TEXT_ENTITY


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=3000), chunk=st.integers(0, 700), open_ended=st.booleans())
def test_content_encoded_in_any_form_round_trips(content: bytes, chunk: int, open_ended: bool) -> None:
    assert pkcs7.signed_content(signed_data(content, chunk, open_ended)) == content


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    content = pkcs7.signed_content(data)
    assert content is None or len(content) <= len(data)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from([b"\x30\x80" + SIGNED_DATA_OID + b"\xa0\x80\x30\x80", b"\x30\x80"]),
    st.binary(max_size=500),
)
def test_bytes_after_a_plausible_start_never_raise(prefix: bytes, rest: bytes) -> None:
    content = pkcs7.signed_content(prefix + rest)
    assert content is None or len(content) <= len(prefix + rest)


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=300), chunk=st.integers(0, 50), open_ended=st.booleans(), data=st.data())
def test_damaged_encodings_never_raise_and_cut_ones_are_refused(
    content: bytes, chunk: int, open_ended: bool, data: st.DataObject
) -> None:
    encoded = signed_data(content, chunk, open_ended)
    cut = data.draw(st.integers(0, len(encoded) - 1))
    assert pkcs7.signed_content(encoded[:cut]) is None
    assert pkcs7.signed_content(encoded + b"\x00") is None
    flipped = bytearray(encoded)
    flipped[cut] ^= data.draw(st.integers(1, 255))
    result = pkcs7.signed_content(bytes(flipped))
    assert result is None or len(result) <= len(encoded)


@pytest.mark.parametrize(
    "blob",
    [
        pytest.param(signed_data(None), id="detached"),
        pytest.param(signed_data(None, open_ended=True), id="detached-indefinite"),
        pytest.param(signed_data(TEXT_ENTITY, open_ended=True)[:-2], id="indefinite-without-end"),
        pytest.param(b"\x30\x88" + b"\xff" * 8 + SIGNED_DATA_OID, id="absurd-length"),
        pytest.param(b"\x30\x84\x7f\xff\xff\xff" + SIGNED_DATA_OID, id="length-beyond-data"),
        pytest.param(b"\x30\x80" * 100_000, id="deep-nesting"),
        pytest.param(b"\x30\x80" * 20 + b"\x00\x00" * 20, id="nesting-empty"),
        pytest.param(tlv(0x30, ENVELOPED_DATA_OID + tlv(0xA0, tlv(0x30, b""))), id="enveloped-data"),
        pytest.param(signed_data(TEXT_ENTITY).replace(DATA_OID, ENVELOPED_DATA_OID), id="not-id-data"),
        pytest.param(b"\x04\x03abc", id="bare-octet-string"),
        pytest.param(b"", id="empty"),
    ],
)
def test_what_is_not_exactly_signed_data_with_content_is_refused(blob: bytes) -> None:
    assert pkcs7.signed_content(blob) is None


def test_countless_tiny_chunks_are_refused_within_the_budget() -> None:
    assert pkcs7.signed_content(signed_data(b"a" * pkcs7.MAX_ELEMENTS, chunk=1)) is None
    assert pkcs7.signed_content(signed_data(b"a" * 10_000, chunk=1, open_ended=True)) == b"a" * 10_000


def test_openssl_output_gives_the_signed_entity() -> None:
    content = pkcs7.signed_content(corpus_der("smime_opaque_signed_attachment.eml"))
    assert content is not None and content.startswith(b"Content-Type: multipart/mixed;")
    assert content.endswith(b"--\r\n")


# Whole mails


def test_a_plain_text_opaque_signed_mail_is_read() -> None:
    mail = parse((CORPUS / "smime_opaque_signed.eml").read_bytes())
    assert mail.is_signed and mail.defects == []
    assert mail.text.startswith("Hello,\n\nthe coolant pump of line 3 stopped this morning (error E-217).")
    assert NOTICE not in mail.text
    assert [(p.filename, p.content_type) for p in mail.attachments] == [
        ("smime.p7m", "application/x-pkcs7-mime")
    ]
    assert mail.attachments[0].content == corpus_der("smime_opaque_signed.eml")  # the evidence, unchanged


def test_the_attachments_inside_the_signature_are_attachments() -> None:
    mail = parse((CORPUS / "smime_opaque_signed_attachment.eml").read_bytes())
    assert mail.is_signed and "anbei das Prüfprotokoll der Spindel SP-40." in mail.text
    assert files(mail) == ["Pruefprotokoll SP-40.pdf", "smime.p7m"]
    assert mail.attachments[0].content.startswith(b"%PDF-1.4\n") and mail.attachments[0].content.endswith(
        b"%%EOF\n"
    )


def test_a_gb18030_body_inside_the_signature_is_decoded() -> None:
    mail = parse((CORPUS / "smime_opaque_signed_gb18030.eml").read_bytes())
    assert mail.subject == "主轴异响 镕" and mail.is_signed
    assert mail.text == "您好：\n\n镕钢主轴异响，请尽快派工程师处理。设备编号：HD-2041。\n\n王喆\n华东机械"


def test_signed_inside_signed_is_read_to_the_innermost_text() -> None:
    mail = parse(opaque_mail(signed_data(signed_entity(TEXT_ENTITY))))
    assert mail.text == "The spindle is fixed, thanks." and files(mail) == ["smime.p7m", "smime.p7m"]


def test_signed_data_nested_without_end_stops_after_a_few_layers() -> None:
    entity = TEXT_ENTITY
    for _ in range(60):
        entity = signed_entity(entity, chunk=1000)
    mail = parse(b"From: a@example.com\r\nSubject: deep\r\n" + entity)
    assert mail.is_signed and NOTICE in mail.text and "spindle" not in mail.text
    assert files(mail) == ["smime.p7m"] * (pkcs7.MAX_LAYERS + 1)
    assert any(f"more than {pkcs7.MAX_LAYERS} S/MIME parts" in defect for defect in mail.defects)


def test_deep_multiparts_inside_each_signed_layer_stay_within_the_limits() -> None:
    entity = TEXT_ENTITY
    for layer in range(pkcs7.MAX_LAYERS + 2):
        for level in range(MAX_DEPTH - pkcs7.MAX_LAYERS):  # the layers count as levels too
            boundary = b"b%d-%d" % (layer, level)
            head = b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n"
            entity = head + b"--" + boundary + b"\r\n" + entity + b"\r\n--" + boundary + b"--\r\n"
        entity = signed_entity(entity)
    mail = parse(b"From: a@example.com\r\nSubject: deep\r\n" + entity)
    assert mail.is_signed and NOTICE in mail.text
    assert mail.defects == [f"more than {pkcs7.MAX_LAYERS} S/MIME parts; the others were not opened"]


REFUSED = {
    "truncated-der": signed_data(TEXT_ENTITY)[:60],
    "detached": signed_data(None),
    "absurd-length": b"\x30\x88" + b"\xff" * 8 + SIGNED_DATA_OID + b"\xa0\x80",
    "nested-indefinite": b"\x30\x80" + SIGNED_DATA_OID + b"\xa0\x80" * 5000,
    "not-signed-data": tlv(0x30, SIGNED_DATA_OID + tlv(0xA0, tlv(0x30, ENVELOPED_DATA_OID))),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_signed_data_keeps_the_notice_and_the_original(name: str) -> None:
    mail = parse(opaque_mail(REFUSED[name]))
    assert mail.is_signed and mail.text.startswith("This message is " + NOTICE)
    assert files(mail) == ["smime.p7m"] and mail.attachments[0].content == REFUSED[name]


def test_truncated_base64_keeps_the_notice_and_what_could_be_decoded() -> None:
    raw = (CORPUS / "smime_opaque_signed.eml").read_bytes()
    mail = parse(raw[: len(raw) * 2 // 3] + b"Q")
    assert mail.is_signed and NOTICE in mail.text and files(mail) == ["smime.p7m"]


def test_encrypted_data_keeps_its_notice() -> None:
    mail = parse(opaque_mail(tlv(0x30, ENVELOPED_DATA_OID + tlv(0xA0, b"")), "enveloped-data"))
    assert not mail.is_signed and "encrypted and could not be read" in mail.text
    assert files(mail) == ["smime.p7m"]


# Through the intake, as the corpus


def ingested(raw: bytes, capture) -> InboundMail:
    from serviceloop.channels.mail.inbox import ingest

    with capture(execute=True):
        mail = ingest(raw, "pipe")
    assert bytes(InboundMail.objects.get(pk=mail.pk).raw) == raw
    assert mail.state == InboundMail.State.PROCESSED, mail.reason
    assert mail.ticket_message is not None
    return mail


def stored_files(mail: InboundMail) -> list[str]:
    assert mail.ticket_message is not None
    return list(mail.ticket_message.attachments.order_by("pk").values_list("filename", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "text", "attached"),
    [
        ("smime_opaque_signed.eml", "the coolant pump of line 3 stopped", ["smime.p7m"]),
        (
            "smime_opaque_signed_attachment.eml",
            "Prüfprotokoll der Spindel",
            ["Pruefprotokoll SP-40.pdf", "smime.p7m"],
        ),
        ("smime_opaque_signed_gb18030.eml", "镕钢主轴异响，请尽快派工程师处理。", ["smime.p7m"]),
    ],
)
def test_the_ticket_shows_the_signed_text_and_files(
    world, django_capture_on_commit_callbacks, name: str, text: str, attached: list[str]
) -> None:
    mail = ingested((CORPUS / name).read_bytes(), django_capture_on_commit_callbacks)
    assert mail.ticket_message is not None
    body = mail.ticket_message.body
    assert text in body and "could not be read" not in body
    assert stored_files(mail) == attached


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_ticket_from_unreadable_signed_data_has_the_notice_and_the_original(
    world, django_capture_on_commit_callbacks, name: str
) -> None:
    mail = ingested(opaque_mail(REFUSED[name]), django_capture_on_commit_callbacks)
    assert mail.ticket_message is not None and NOTICE in mail.ticket_message.body
    assert stored_files(mail) == ["smime.p7m"]
