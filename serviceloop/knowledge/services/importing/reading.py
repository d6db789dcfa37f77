"""Which files an import takes, and reading each into a Document by its kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.utils.translation import gettext as _

from serviceloop.core.errors import InvalidInput

from .document import Document, Unreadable
from .docx import parse_docx
from .html import parse_html
from .markdown import parse_markdown

PARSERS: dict[str, Callable[[Path, bytes], Document]] = {
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
    ".docx": parse_docx,
}
MAX_BYTES = 20 * 1024 * 1024  # larger than any article; a file this big is a mistake, not a document


def supported(path: Path) -> bool:
    return path.suffix.lower() in PARSERS


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The files named and those of a supported kind in the folders named (recursively), in a
    stable order, each once. A path that is not there, or a named file of another kind, is refused."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            inside = (p for p in sorted(path.rglob("*")) if p.is_file() and supported(p))
            found.update(dict.fromkeys(p for p in inside if not _hidden(p.relative_to(path))))
        elif path.is_file():
            if not supported(path):
                raise InvalidInput(
                    _("%(path)s: cannot import this kind of file; give .md, .html or .docx files.")
                    % {"path": path}
                )
            found[path] = None
        else:
            raise InvalidInput(_("%(path)s: no such file or folder.") % {"path": path})
    return list(found)


def _hidden(relative: Path) -> bool:
    """Editors' and Word's own files (.git, ~$lock.docx) are not documents."""
    return any(part.startswith((".", "~$")) for part in relative.parts)


def read_document(path: Path) -> Document:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Unreadable(_("cannot read it: %(error)s") % {"error": exc.strerror or exc}) from None
    if len(data) > MAX_BYTES:
        raise Unreadable(_("larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)})
    return PARSERS[path.suffix.lower()](path, data)
