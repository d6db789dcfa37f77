"""The pieces parsing is made of: charsets, header values, HTML to text, flowed text, file names."""

from __future__ import annotations

import base64

import pytest

from serviceloop.channels.mail.bodies import html_to_text, sanitise_html, unflow
from serviceloop.channels.mail.charsets import codec_for, decode_bytes, repair
from serviceloop.channels.mail.headers import decode_header_text, parse_addresses, parse_date, parse_params
from serviceloop.channels.mail.special import calendar_summary, read_inline_pgp
from serviceloop.channels.mail.structure import safe_filename
from serviceloop.channels.mail.transfer import decode_base64

_CHINESE = "中文".encode()
SPLIT = (base64.b64encode(_CHINESE[:4]).decode(), base64.b64encode(_CHINESE[4:]).decode())


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ('"gbk"', "gb18030"),
        ("big5", "big5hkscs"),
        ("iso-8859-1", "cp1252"),
        ("ks_c_5601-1987", "cp949"),
        ("UTF8", "utf-8"),
        ("unknown-8bit", None),
        ("x-nope", None),
        ("", None),
        ("zlib", None),
        ("rot13", None),
        ("unicode_escape", None),
        ("idna", None),
        ("koi8-r", "koi8-r"),
    ],
)
def test_charset_labels(label: str, codec: str | None) -> None:
    assert codec_for(label) == codec


def test_decoding_falls_back_and_says_so() -> None:
    assert decode_bytes("中文".encode("gbk"), "utf-8") == ("中文", "text is not valid utf-8, read as gb18030")
    assert decode_bytes(b"\xef\xbb\xbfbom", "utf-8") == ("bom", "")
    assert decode_bytes("日本語".encode("iso-2022-jp"), None)[0] == "日本語"
    text, problem = decode_bytes(b"\xff\xfe\x80", None)
    assert (text, problem) == ("ÿþ\x80", "no charset declared for 8-bit text, read as latin-1")


def test_raw_bytes_left_by_the_email_package_are_repaired() -> None:
    assert repair("中文".encode().decode("ascii", "surrogateescape")) == "中文"
    assert repair("中文".encode("gbk").decode("ascii", "surrogateescape")) == "中文"
    assert repair("plain") == "plain"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("=?utf-8?Q?Gr=C3=BC=C3=9Fe?= aus =?iso-8859-1?q?K=F6ln?=", "Grüße aus Köln"),
        ("=?utf-8?B?5Lit?=   =?utf-8?B?5paH?=", "中文"),  # the space between encoded words is dropped
        (f"=?UTF-8?B?{SPLIT[0]}?= =?UTF-8?B?{SPLIT[1]}?=", "中文"),  # a character split across two words
        (
            "=?gb2312?B?" + base64.b64encode("镕".encode("gbk")).decode() + "?=",
            "镕",
        ),  # GBK under a gb2312 label
        ("=?x-unheard-of?Q?caf=C3=A9?=", "café"),
        ("=?utf-8*en?Q?hi?=", "hi"),  # RFC 2231 language in an encoded word
        ("Re:\r\n  folded\tsubject ", "Re: folded subject"),
        ("=?utf-8?B?broken", "=?utf-8?B?broken"),
    ],
)
def test_header_text(raw: str, text: str) -> None:
    assert decode_header_text(raw) == text


def test_params_with_rfc2231_and_quotes() -> None:
    main, params = parse_params(
        'attachment; filename*0*=utf-8\'de\'%E4%B8%AD; filename*1="a;b.pdf"; size=12; note="say \\"hi\\""'
    )
    assert main == "attachment"
    assert params == {"filename": "中a;b.pdf", "size": "12", "note": 'say "hi"'}
    assert parse_params('text/plain;charset="UTF-8";format=flowed')[1] == {
        "charset": "UTF-8",
        "format": "flowed",
    }
    assert parse_params("") == ("", {})


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ('"Doe, John" <John.Doe@Example.com>', [("Doe, John", "john.doe@example.com")]),
        ("=?utf-8?B?5byg5LiJ?= <z@x.example>, b@y.example", [("张三", "z@x.example"), ("", "b@y.example")]),
        ("John john@example.com", [("John", "john@example.com")]),
        ("undisclosed-recipients:;", []),
        ("not an address", []),
        ("", []),
    ],
)
def test_addresses(raw: str, found: list[tuple[str, str]]) -> None:
    assert parse_addresses(raw) == found


def test_dates() -> None:
    assert parse_date("Tue, 3 Mar 2026 10:00:00 -0000").tzinfo is not None  # type: ignore[union-attr]
    assert parse_date("Tue, 3 Mar 2026 10:00:00 +0800 (CST)").utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    assert parse_date("tomorrow") is None
    assert parse_date("Tue, 99 Mar 2026 10:00:00 +0000") is None


def test_base64_gives_what_it_can() -> None:
    assert decode_base64(b"aGVsbG8=\r\nd29ybGQ=") == (b"helloworld", "")
    assert decode_base64(b"aGVsbG8gd29ybGQ") == (b"hello world", "base64 is cut off or badly padded")
    assert decode_base64(b"aGVs*bG8=")[0] == b"hello"


def test_html_to_text_keeps_structure() -> None:
    html = (
        "<div>Hi Anna,</div><div><br></div><div>Fixed.</div><div>On Mon, Bob wrote:<br></div>"
        "<blockquote><div>Line one</div><blockquote>deeper</blockquote></blockquote>"
    )
    assert html_to_text(html) == "Hi Anna,\n\nFixed.\nOn Mon, Bob wrote:\n\n> Line one\n>\n> > deeper"
    assert html_to_text("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><ol start=3><li>x<li>y</ol>") == (
        "- a\n  - b\n- c\n\n3. x\n4. y"
    )
    links = '<a href="https://x.example/">https://x.example</a> <a href="mailto:a@b.example">a@b.example</a>'
    assert html_to_text(links + ' <a href="https://y.example">Y</a>') == (
        "https://x.example a@b.example Y (https://y.example)"
    )
    assert html_to_text("<pre>  x  = 1\n  y</pre>") == "  x  = 1\n  y"
    assert html_to_text("<p>a&nbsp;b &amp; c &lt;tag&gt;</p><script>no()</script>") == "a b & c <tag>"


def test_sanitised_html_keeps_inline_images_and_drops_the_rest() -> None:
    html = sanitise_html(
        '<img src="cid:a@b" onerror="x()"><img src="data:image/png;base64,AA"><iframe></iframe>'
    )
    assert html == '<img src="cid:a@b"><img>'


def test_flowed_text_is_joined() -> None:
    assert unflow("one \ntwo\n> q1 \n> q2\n-- \nsig", delsp=False) == "one two\n> q1 q2\n-- \nsig"
    assert unflow("con \ntinues", delsp=True) == "continues"
    assert unflow(" From here", delsp=False) == "From here"


def test_inline_pgp_without_its_end_is_left_alone() -> None:
    text = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA1\n\nhi"
    assert read_inline_pgp(text).text == text
    assert read_inline_pgp(text).signature == ""


def test_calendar_summary_of_a_cancellation() -> None:
    ics = (
        "BEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nSUMMARY:Visit\nDTSTART;VALUE=DATE:20260401\nEND:VEVENT"
    )
    assert calendar_summary(ics) == "Cancelled meeting: Visit\nStarts: 2026-04-01"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\report.pdf", "report.pdf"),
        ("a\x00b\x07c.txt", "abc.txt"),
        ('what?<>|*".doc', "what______.doc"),
        ("  .hidden  ", "hidden"),
        ("..", ""),
        ("x" * 300 + ".pdf", "x" * 190 + ".pdf"),
    ],
)
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe
