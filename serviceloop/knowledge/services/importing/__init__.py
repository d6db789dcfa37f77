"""Importing an existing knowledge base: Markdown, HTML and Word files become draft (or published)
articles, one file at a time; a broken file is reported and skipped, never half-imported."""

from .document import Document, Unreadable, detect_language
from .reading import find_files, read_document, supported
from .run import DUPLICATE, FAILED, IMPORTED, ImportSettings, Outcome, import_file, import_files

__all__ = [
    "DUPLICATE",
    "FAILED",
    "IMPORTED",
    "Document",
    "ImportSettings",
    "Outcome",
    "Unreadable",
    "detect_language",
    "find_files",
    "import_file",
    "import_files",
    "read_document",
    "supported",
]
