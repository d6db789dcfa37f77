"""The readable body of a mail: sanitised HTML, and plain text made from HTML or from flowed text."""

from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser

import nh3

MAX_HTML_FOR_TEXT = 4_000_000  # characters; the plain text of larger HTML is made from its start only
_URL_SCHEMES = nh3.ALLOWED_URL_SCHEMES | {"cid"}  # inline images stay addressable by Content-ID
_DROPPED_WITH_CONTENT = {"script", "style", "head", "title"}
_BLOCKS = {
    "address", "article", "aside", "center", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
    "footer", "header", "main", "nav", "section", "summary", "tr", "caption",
}  # fmt: skip
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "blockquote", "ul", "ol", "hr"}
_SKIPPED = {"script", "style", "head", "title", "template", "noscript"}
_TAGS = re.compile(r"<[^>]*>")
_BLANK_RUNS = re.compile(r"\n{3,}")


def sanitise_html(html: str) -> str:
    """HTML safe to show inside the console: no scripts, styles, event handlers or odd URLs."""
    return nh3.clean(
        html,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def plain_to_html(text: str) -> str:
    """Plain text shown among HTML parts of the same mail."""
    return "<p>" + html_module.escape(text).replace("\n", "<br>") + "</p>"


def html_to_text(html: str) -> str:
    """Readable plain text: blocks on their own lines, list bullets, links as "text (url)", quotes "> "."""
    maker = _TextMaker()
    try:
        maker.feed(html[:MAX_HTML_FOR_TEXT])
        maker.close()
    except Exception:
        return " ".join(html_module.unescape(_TAGS.sub(" ", html[:MAX_HTML_FOR_TEXT])).split())
    return maker.text()


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []  # (quote depth, text)
        self.current: list[str] = []
        self.quote_depth = 0
        self.line_depth = 0
        self.pre = 0
        self.skipping = 0
        self.lists: list[int | None] = []  # None for bullets, else the next number
        self.links: list[tuple[str, int]] = []  # (href, where its text starts in self.current)
        self.cells_in_row = 0

    # -- structure
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self._end_line(force=True)
        elif tag == "blockquote":
            self._paragraph()
            self.quote_depth += 1
        elif tag in ("ul", "ol"):
            self._paragraph() if not self.lists else self._end_line()
            start = dict(attrs).get("start") or "1"
            self.lists.append(int(start) if tag == "ol" and start.isdigit() else 1 if tag == "ol" else None)
        elif tag == "li":
            self._list_item()
        elif tag in _PARAGRAPHS:
            self._paragraph()
            self.pre += tag == "pre"
            if tag == "hr":
                self._write("-" * 20)
                self._paragraph()
        elif tag in _BLOCKS:
            self._end_line()
            self.cells_in_row = 0
        elif tag in ("td", "th"):
            if self.cells_in_row:
                self._write(" ")
            self.cells_in_row += 1
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.current)))
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self._write(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "blockquote":
            self._paragraph()
            self.quote_depth = max(0, self.quote_depth - 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._paragraph() if not self.lists else self._end_line()
        elif tag in _PARAGRAPHS:
            self._paragraph()
            self.pre = max(0, self.pre - (tag == "pre"))
        elif tag in _BLOCKS or tag == "li":
            self._end_line()
        elif tag == "a" and self.links:
            self._close_link(*self.links.pop())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        data = data.replace("\xa0", " ")
        if self.pre:
            first, *rest = data.replace("\r\n", "\n").split("\n")
            self.current.append(first)
            for line in rest:
                self._end_line(force=True)
                self.current.append(line)
            return
        text = " ".join(data.split())
        if data[:1].isspace() and (self.current and not self.current[-1].endswith(" ")):
            text = " " + text
        if data[-1:].isspace() and text and not text.endswith(" "):
            text += " "
        self._write(text)

    # -- output
    def _write(self, text: str, indented: bool = False) -> None:
        if not text or (text == " " and not self.current):
            return
        if not self.current:
            self.line_depth = self.quote_depth
            text = text if self.pre or indented else text.lstrip(" ")
        self.current.append(text)

    def _end_line(self, force: bool = False) -> None:
        line = "".join(self.current).rstrip()
        if line or force:
            self.lines.append((self.line_depth if line else self.quote_depth, line))
        self.current = []
        self.links = [(href, 0) for href, _start in self.links]

    def _paragraph(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1][1]:
            self.lines.append((self.quote_depth, ""))

    def _list_item(self) -> None:
        self._end_line()
        indent = "  " * max(0, len(self.lists) - 1)
        marker = "- "
        if self.lists and self.lists[-1] is not None:
            number = self.lists[-1] or 0
            marker = f"{number}. "
            self.lists[-1] = number + 1
        self._write(indent + marker, indented=True)

    def _close_link(self, href: str, start: int) -> None:
        label = "".join(self.current[start:]).strip()
        target = href.removeprefix("mailto:")
        if not href or href.startswith(("#", "cid:")) or not label:
            return
        if target.rstrip("/") in label or label.rstrip("/") == target.rstrip("/"):
            return
        self._write(f" ({href})")

    def text(self) -> str:
        self._end_line()
        while self.lines and not self.lines[-1][1]:
            self.lines.pop()
        out = []
        for depth, line in self.lines:
            prefix = "> " * depth if line else ">" * depth
            out.append((prefix + line).rstrip())
        return _BLANK_RUNS.sub("\n\n", "\n".join(out)).strip("\n")


def unflow(text: str, delsp: bool) -> str:
    """format=flowed text (RFC 3676) with its soft line breaks joined, quote markers kept."""
    out: list[str] = []
    carry: tuple[int, str] | None = None
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        content = content[1:] if content.startswith(" ") else content  # space-stuffing
        if carry is not None and carry[0] == depth:
            content = carry[1] + content
        elif carry is not None:
            out.append(_quoted(*carry))
        carry = None
        if content.endswith(" ") and content != "-- ":
            carry = (depth, content[:-1] if delsp else content)
            continue
        out.append(_quoted(depth, content))
    if carry is not None:
        out.append(_quoted(*carry))
    return "\n".join(out)


def _quoted(depth: int, content: str) -> str:
    return (">" * depth + " " + content) if depth and content else (">" * depth + content)
