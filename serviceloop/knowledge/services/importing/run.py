"""Importing documents as articles, each file on its own: all of it or nothing of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from serviceloop.core.errors import ServiceError

from ...models import Article, KnowledgeCategory
from ..content import ArticleContent, language_code
from ..workflow import move
from ..writing import create_article
from .document import Document, Unreadable, detect_language
from .reading import read_document

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"


@dataclass
class ImportSettings:
    category: KnowledgeCategory
    author: Any
    language: str = "auto"  # a code for every file, or "auto": the file's front matter, else detected
    visibility: str = "internal"
    kind: str = "how_to"
    publish: bool = False
    dry_run: bool = False
    # (title, language) of what this run has imported: a dry run saves nothing, yet counts twins
    seen: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class Outcome:
    path: Path
    result: str  # IMPORTED, DUPLICATE or FAILED
    detail: str = ""  # the article's title, or why the file failed
    article_id: int | None = None


class _DryRun(Exception):
    """Raised inside the file's transaction so that a dry run is checked in full and then undone."""


def _language(document: Document, settings: ImportSettings) -> str:
    if settings.language != "auto":
        return settings.language
    if document.language:
        return language_code(document.language)
    return detect_language(document.title + "\n" + document.body)


def _content(document: Document, language: str, settings: ImportSettings) -> ArticleContent:
    values: dict[str, Any] = {
        "title": document.title,
        "body": document.body,
        "category_id": settings.category.pk,
        "kind": settings.kind,
        "visibility": settings.visibility,
        "language": language,
    }
    if document.tags:
        values["tags"] = document.tags
    return ArticleContent.of(**values)


def _exists(title: str, language: str, settings: ImportSettings) -> bool:
    if (title, language) in settings.seen:
        return True
    return Article.objects.filter(category=settings.category, title=title, language=language).exists()


def _save(path: Path, document: Document, language: str, settings: ImportSettings) -> Outcome:
    """Create the article (and submit and publish it) in one transaction, so a file that fails on
    the way leaves nothing behind; a dry run does all of it and rolls it back."""
    author = settings.author
    try:
        with transaction.atomic():
            article = create_article(
                author,
                _content(document, language, settings),
                note=_("Imported from %(file)s") % {"file": path.name},
            )
            if settings.publish:
                move(author, article, "submit")
                move(author, article, "publish")
            if settings.dry_run:
                raise _DryRun
    except _DryRun:
        return Outcome(path, IMPORTED, document.title)
    return Outcome(path, IMPORTED, article.title, article.pk)


def import_file(path: Path, settings: ImportSettings) -> Outcome:
    """One file as one article; a file already imported (same title and language in the category)
    is skipped, and a broken one is reported with the reason."""
    try:
        document = read_document(path)
        language = _language(document, settings)
        if _exists(document.title, language, settings):
            return Outcome(path, DUPLICATE, document.title)
        outcome = _save(path, document, language, settings)
    except Unreadable as exc:
        return Outcome(path, FAILED, exc.reason)
    except ServiceError as exc:
        return Outcome(path, FAILED, exc.message)
    settings.seen.add((document.title, language))
    return outcome


def import_files(paths: list[Path], settings: ImportSettings) -> Iterator[Outcome]:
    for path in paths:
        yield import_file(path, settings)
