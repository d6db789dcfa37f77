"""Word (.docx) files through python-docx: headings become Markdown headings, list paragraphs list
items, bold and italic runs stay marked, simple tables become Markdown tables."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .document import Document, Unreadable, finished, markdown_table


def _open(data: bytes) -> Any:
    import docx  # imported here: only an import of Word files needs the library loaded

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # broken files fail in zipfile, lxml or python-docx, each its own way
        raise Unreadable(_("not a valid .docx file (%(error)s).") % {"error": type(exc).__name__}) from None


def _runs(paragraph: Any) -> str:
    parts = []
    for run in paragraph.runs:
        text = run.text
        if text.strip() and run.bold:
            text = f"**{text.strip()}** "
        elif text.strip() and run.italic:
            text = f"*{text.strip()}* "
        parts.append(text)
    return "".join(parts).strip() or paragraph.text.strip()


def _paragraph(paragraph: Any) -> tuple[str, str]:
    """(the paragraph's style kind, its Markdown)."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = re.fullmatch(r"Heading (\d)", style)
    if style == "Title":
        return "title", paragraph.text.strip()
    if heading:
        return "heading", "#" * min(int(heading.group(1)), 6) + " " + paragraph.text.strip()
    if style.startswith("List Number"):
        return "item", "1. " + _runs(paragraph)
    if style.startswith("List"):
        return "item", "- " + _runs(paragraph)
    return "text", _runs(paragraph)


def _table(table: Any) -> str:
    return markdown_table(
        [[" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells] for row in table.rows]
    )


def _blocks(document: Any) -> tuple[str, list[str]]:
    """The title paragraph's text (if any) and the body's blocks, in the document's order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    title, blocks, previous = "", [], ""
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            blocks.append(_table(Table(element, document)))
            previous = "table"
        elif tag == "p":
            kind, text = _paragraph(Paragraph(element, document))
            if not text:
                continue
            if kind == "title" and not title:
                title = text
                continue
            # list items follow one another on their own lines; other blocks are paragraphs
            if kind == "item" and previous == "item":
                blocks[-1] += "\n" + text
            else:
                blocks.append(text)
            previous = kind
    return title, blocks


def parse_docx(path: Path, data: bytes) -> Document:
    document = _open(data)
    title, blocks = _blocks(document)
    body = "\n\n".join(block for block in blocks if block)
    if not title:
        first = re.match(r"#\s+(.+)", body)
        # the first heading before the file's properties: those are often a template's leftovers
        title = first.group(1) if first else (document.core_properties.title or "").strip()
    return finished(title, body, path)
