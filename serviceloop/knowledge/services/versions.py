"""Comparing two versions of an article: a unified diff of the Markdown, or a side-by-side HTML table."""

from __future__ import annotations

import difflib
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _

from ..models import VERSIONED_FIELDS, Article, ArticleVersion
from .writing import get_version


def version_lines(version: ArticleVersion) -> list[str]:
    """The version as the lines a reader compares: each written field under its name."""
    lines: list[str] = []
    for name in VERSIONED_FIELDS:
        value = getattr(version, name) or ""
        if not value and name != "title":
            continue
        label = str(getattr(ArticleVersion._meta.get_field(name), "verbose_name", name))
        lines.append(f"## {label}")
        lines.extend(value.splitlines() or [""])
        lines.append("")
    return lines


def _label(version: ArticleVersion) -> str:
    return _("Version %(number)s") % {"number": version.number}


def unified_diff(old: ArticleVersion, new: ArticleVersion) -> str:
    """What changed from `old` to `new`, as a unified diff (empty when they say the same)."""
    return "\n".join(
        difflib.unified_diff(version_lines(old), version_lines(new), _label(old), _label(new), lineterm="")
    )


def side_by_side_html(old: ArticleVersion, new: ArticleVersion) -> str:
    """A table with `old` on the left and `new` on the right, changes marked; the text is escaped."""
    table = difflib.HtmlDiff(wrapcolumn=80).make_table(
        version_lines(old), version_lines(new), escape(_label(old)), escape(_label(new)),
        context=True, numlines=3,
    )  # fmt: skip
    return str(table)


def compare(article: Article, old_number: Any, new_number: Any) -> tuple[str, str]:
    """The unified diff and the side-by-side table between two versions of `article`."""
    old, new = get_version(article, old_number), get_version(article, new_number)
    return unified_diff(old, new), side_by_side_html(old, new)
