"""Markdown is shown as HTML that cannot carry scripts, handlers or javascript: links."""

from __future__ import annotations

from serviceloop.knowledge.services import plain_text, render_markdown


def test_markdown_becomes_html():
    html = render_markdown(
        "# Fix\n\n1. Stop the **spindle**\n2. Call [us](https://example.test/help)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h1>Fix</h1>" in html and "<strong>spindle</strong>" in html and "<ol>" in html
    assert '<a href="https://example.test/help" rel="noopener noreferrer nofollow">us</a>' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_scripts_handlers_and_javascript_links_are_removed():
    html = render_markdown(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n"
        '<a href="javascript:alert(4)" onclick="alert(5)">x</a>\n\n<iframe src="https://evil.test"></iframe>\n\n'
        '<p style="color:red" onmouseover="alert(6)">hi</p>'
    )
    lowered = html.lower()
    for bad in ("<script", "onerror", "onclick", "onmouseover", "javascript:", "<iframe", "style="):
        assert bad not in lowered, bad
    assert "<p>hi</p>" in html and '<img src="x">' in html


def test_plain_text_is_what_a_reader_sees():
    assert plain_text("**Bold** & <b>safe</b>\n\n- one") == "Bold & safe\n\none"
