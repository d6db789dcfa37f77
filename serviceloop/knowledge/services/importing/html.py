"""HTML files: the title from <title> or the first <h1>; the body turned into Markdown by a small
converter on the standard library's parser (scripts, styles and unknown markup are dropped, so
nothing unsafe is carried over; the article's Markdown is sanitised again when shown)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .document import Document, decode, finished, markdown_table

_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object"}
_BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "blockquote", "ul", "ol", "table",
           "figure", "hr", "dl", "dd", "dt", "form", "nav", "aside"}  # fmt: skip
_INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


class _ToMarkdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.title = ""
        self.first_h1 = ""
        self._skipping = 0
        self._in_title = False
        self._h1: list[str] | None = None
        self._lists: list[str] = []  # "ul" or "ol", innermost last
        self._pre = False
        self._link: str | None = None
        self._row: list[str] | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def _write(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text)
        else:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            self._skipping += 1
        if self._skipping:
            return
        attr = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._write("\n\n" + "#" * int(tag[1]) + " ")
            if tag == "h1" and not self.first_h1:
                self._h1 = []
        elif tag in ("ul", "ol"):
            self._lists.append(tag)
            self._write("\n")
        elif tag == "li":
            depth = "  " * (len(self._lists) - 1)
            self._write("\n" + depth + ("1. " if self._lists[-1:] == ["ol"] else "- "))
        elif tag == "br":
            self._write("  \n")
        elif tag == "pre":
            self._pre = True
            self._write("\n\n```\n")
        elif tag in _INLINE and not self._pre:
            self._write(_INLINE[tag])
        elif tag == "a":
            self._link = attr.get("href") or None
            self._write("[" if self._link else "")
        elif tag == "img" and attr.get("src"):
            self._write(f"![{attr.get('alt') or ''}]({attr['src']})")
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in _BLOCKS:
            self._write("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
            return
        if self._skipping:
            return
        if tag == "h1" and self._h1 is not None:
            self.first_h1, self._h1 = "".join(self._h1), None
        if re.fullmatch(r"h[1-6]", tag):
            self._write("\n\n")
        elif tag in ("ul", "ol"):
            if self._lists:
                self._lists.pop()
            self._write("\n\n")
        elif tag == "pre":
            self._pre = False
            self._write("\n```\n\n")
        elif tag in _INLINE and not self._pre:
            self._write(_INLINE[tag])
        elif tag == "a" and self._link:
            self._write(f"]({self._link})")
            self._link = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()).replace("|", "\\|"))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._rows.append(self._row)
            self._row = None
        elif tag == "table":
            self._write(_table(self._rows))
            self._rows = []
        elif tag in _BLOCKS:
            self._write("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._skipping:
            return
        if self._h1 is not None:
            self._h1.append(data)
        self._write(data if self._pre else re.sub(r"\s+", " ", data))


def _table(rows: list[list[str]]) -> str:
    return f"\n\n{markdown_table(rows)}\n\n" if rows else ""


def _tidy(markdown: str) -> str:
    """Trim the spaces the converter leaves around lines and keep at most one empty line in a row."""
    lines = [line.rstrip() if not line.endswith("  ") else line for line in markdown.split("\n")]
    text = "\n".join(
        line[1:] if line.startswith(" ") and not line.startswith("  ") else line for line in lines
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _text(data: bytes) -> str:
    """UTF-8 unless the page's own <meta charset> names another encoding Python knows."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def html_to_markdown(html: str) -> tuple[str, str, str]:
    """(the <title>, the first <h1>, the body as Markdown)."""
    parser = _ToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.title.strip(), parser.first_h1.strip(), _tidy("".join(parser.out))


def parse_html(path: Path, data: bytes) -> Document:
    title, h1, body = html_to_markdown(_text(data))
    return finished(title or h1, body, path)
