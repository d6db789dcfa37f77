"""Comparing two versions of an article: a unified diff of the Markdown, or a side-by-side HTML table;
both end with the files added and removed between the two."""

from __future__ import annotations

import difflib
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _

from ..models import VERSIONED_FIELDS, Article, ArticleVersion
from .file_sets import file_changes
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


def file_lines(old: ArticleVersion, new: ArticleVersion) -> list[str]:
    """One line per file added or removed from `old` to `new` (none when the files are the same)."""
    added, removed = file_changes(old, new)
    return [_("File added: %(name)s") % {"name": name} for name in added] + [
        _("File removed: %(name)s") % {"name": name} for name in removed
    ]


def unified_diff(old: ArticleVersion, new: ArticleVersion) -> str:
    """What changed from `old` to `new`, as a unified diff followed by the files added and removed
    (empty when they say the same and have the same files)."""
    text = list(
        difflib.unified_diff(version_lines(old), version_lines(new), _label(old), _label(new), lineterm="")
    )
    files = file_lines(old, new)
    return "\n".join(text + ([""] if text and files else []) + files)


def _files_html(old: ArticleVersion, new: ArticleVersion) -> str:
    added, removed = file_changes(old, new)
    if not added and not removed:
        return ""
    items = [("kb-file-added", _("File added: %(name)s"), name) for name in added]
    items += [("kb-file-removed", _("File removed: %(name)s"), name) for name in removed]
    rows = "".join(f'<li class="{css}">{escape(text % {"name": name})}</li>' for css, text, name in items)
    return f'<ul class="kb-diff-files list-unstyled mt-2" id="diff-files">{rows}</ul>'


def side_by_side_html(old: ArticleVersion, new: ArticleVersion) -> str:
    """A table with `old` on the left and `new` on the right, changes marked, then the files added and
    removed; all text is escaped."""
    table = ""
    if version_lines(old) != version_lines(new):  # HtmlDiff tells no change in a table of its own
        table = difflib.HtmlDiff(wrapcolumn=80).make_table(
            version_lines(old), version_lines(new), escape(_label(old)), escape(_label(new)),
            context=True, numlines=3,
        )  # fmt: skip
    return str(table) + _files_html(old, new)


def compare(article: Article, old_number: Any, new_number: Any) -> tuple[str, str]:
    """The unified diff and the side-by-side table between two versions of `article`."""
    old, new = get_version(article, old_number), get_version(article, new_number)
    return unified_diff(old, new), side_by_side_html(old, new)
