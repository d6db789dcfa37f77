"""Folding quoted history and signatures away from what the sender wrote now."""

from __future__ import annotations

import pytest

from serviceloop.channels.mail.quoting import fold_quoted

# (name, text, the new text, how the folded part starts)
FOLDED = [
    (
        "gmail wrapped attribution",
        "Thanks, that fixed it.\n\nOn Tue, Mar 3, 2026 at 10:00 AM Anna Example <\nanna@example.com> wrote:\n"
        "> Please restart the pump.\n>\n> Anna\n",
        "Thanks, that fixed it.",
        "On Tue, Mar 3, 2026 at 10:00 AM Anna Example <\nanna@example.com> wrote:\n>",
    ),
    (
        "apple attribution",
        "Yes.\n\nOn 3 Mar 2026, at 10:00, Anna <a@x.example> wrote:\n\n> old\n",
        "Yes.",
        "On 3 Mar 2026, at 10:00",
    ),
    ("bare quote block", "Done.\n\n> Did you restart it?\n> Anna", "Done.", "> Did you"),
    ("short attribution above quotes", "Done.\n\nAnna wrote:\n> Did you?", "Done.", "Anna wrote:"),
    (
        "german",
        "Passt.\n\nAm 03.03.2026 um 10:00 schrieb Anna <a@x.example>:\n> Bitte prüfen.\n",
        "Passt.",
        "Am 03.03.2026",
    ),
    (
        "french",
        "Merci.\n\nLe mar. 3 mars 2026 à 10:00, Anna <a@x.example> a\u00a0écrit\u00a0:\n> Vérifiez.\n",
        "Merci.",
        "Le mar. 3 mars",
    ),
    (
        "outlook original message",
        "See below.\n\n-----Original Message-----\nFrom: A\nSent: Monday\nTo: B\nSubject: C\n\nold\n",
        "See below.",
        "-----Original Message-----",
    ),
    (
        "outlook headers under a rule",
        "Danke!\n\nPeter\n\n________________________________\nVon: Support <s@x.example>\n"
        "Gesendet: Dienstag, 3. März 2026 10:00\nAn: Peter <p@x.example>\nBetreff: Ticket\n\n"
        "Alte Nachricht\n",
        "Danke!\n\nPeter",
        "________________________________\nVon: Support",
    ),
    (
        "outlook headers in bold from html",
        "Thanks\n\n*From:* Support <s@x.example>\n*Sent:* Tuesday\n*To:* Peter\n*Subject:* Ticket\n\nold",
        "Thanks",
        "*From:* Support",
    ),
    (
        "qq original mail",
        '好的，收到。\n\n------------------ 原始邮件 ------------------\n发件人: "Support"<s@x.example>;\n'
        '发送时间: 2026年3月3日(星期二) 上午10:00\n收件人: "张三"<z@x.example>;\n主题: 工单\n\n旧内容\n',
        "好的，收到。",
        "------------------ 原始邮件",
    ),
    (
        "163 attribution",
        '已处理。\n\n在 2026-03-03 10:00:00，"Support" <s@x.example> 写道：\n> 请确认。\n',
        "已处理。",
        "在 2026-03-03",
    ),
    (
        "gmail chinese attribution",
        "好的\n\nSupport <s@x.example> 于2026年3月3日周二 10:00写道：\n\n> 请确认。\n",
        "好的",
        "Support <s@x.example> 于",
    ),
    (
        "foxmail headers",
        "谢谢\n\n发件人：Support\n发送时间：2026-03-03 10:00\n收件人：张三\n主题：工单\n\n旧内容",
        "谢谢",
        "发件人：Support",
    ),
    (
        "html reply without quote marks",
        "Fixed.\n\nOn Tue, Mar 3, 2026 at 10:00 AM Anna <a@x.example> wrote:\n\nPlease restart the pump.",
        "Fixed.",
        "On Tue",
    ),
    ("signature", "Short answer.\n\n-- \nPeter Example\nPhone 123\n", "Short answer.", "-- \nPeter Example"),
    ("signature without its space", "Short answer.\n--\nPeter", "Short answer.", "--\nPeter"),
    (
        "signature before history",
        "Answer.\n-- \nPeter\n\nOn Mon, Anna wrote:\n> question\n",
        "Answer.",
        "-- \nPeter\n\nOn Mon",
    ),
    ("mobile signature", "Yes.\n\nSent from my iPhone", "Yes.", "Sent from my iPhone"),
    ("chinese mobile signature", "可以。\n\n发自我的iPhone", "可以。", "发自我的iPhone"),
    ("crlf line ends", "Thanks.\r\n\r\n> old\r\n", "Thanks.", "> old"),
]

UNCHANGED = [
    ("no history", "The pump is broken.\nPlease call."),
    ("only quoted", "> only quoted\n> text\n"),
    ("only a signature", "-- \nPeter"),
    ("attribution first", "On Mon, Anna wrote:\n> question\n"),
    (
        "answers between quotes",
        "Hi,\n\nOn Mon, Anna wrote:\n> question one?\nanswer one\n> question two?\nanswer two",
    ),
    ("a sentence starting with From", "From: the factory floor we hear a noise.\nIt started on Monday."),
    (
        "forwarded mail is content",
        "FYI\n\n---------- Forwarded message ---------\nFrom: Customer\nThe pump leaks.",
    ),
    ("empty", ""),
    ("blank", "  \n "),
]


@pytest.mark.parametrize(("name", "text", "new", "folded_start"), FOLDED, ids=[case[0] for case in FOLDED])
def test_history_is_folded(name: str, text: str, new: str, folded_start: str) -> None:
    got_new, folded = fold_quoted(text)
    assert got_new == new
    assert folded.startswith(folded_start)
    # Nothing is lost: the two halves hold every line.
    normalised = text.replace("\r\n", "\n").strip("\n")
    assert (got_new + "\n" + folded).replace("\n", "") == normalised.replace("\n", "")


@pytest.mark.parametrize(("name", "text"), UNCHANGED, ids=[case[0] for case in UNCHANGED])
def test_text_without_history_is_kept_whole(name: str, text: str) -> None:
    assert fold_quoted(text) == (text, "")
