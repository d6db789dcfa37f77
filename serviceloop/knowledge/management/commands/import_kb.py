"""`serviceloop import_kb PATH...`: existing documents (Markdown, HTML, Word) become articles.

Each file is imported on its own, all of it or nothing; a file already imported (same title and
language in the category) is skipped. Exit status: 0 when no file failed, 1 when some files failed
(each is named with the reason on standard error), 2 for bad arguments (nothing is imported).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from serviceloop.accounts.models import User
from serviceloop.core.errors import InvalidInput
from serviceloop.knowledge.models import KnowledgeCategory
from serviceloop.knowledge.policy import can_write_articles, may_review
from serviceloop.knowledge.services.importing import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    ImportSettings,
    find_files,
    import_files,
)

EX_SOME_FAILED, EX_USAGE = 1, 2
_SHOWN = {IMPORTED: "ok", DUPLICATE: "already imported", FAILED: "failed"}


def _category(value: str) -> KnowledgeCategory:
    found = KnowledgeCategory.objects.filter(name=value).first()
    if found is None and value.isdigit():
        found = KnowledgeCategory.objects.filter(pk=int(value)).first()
    if found is None:
        known = ", ".join(KnowledgeCategory.objects.order_by("name").values_list("name", flat=True)) or "none"
        raise CommandError(f"No knowledge category is named {value!r} (known: {known}).", returncode=EX_USAGE)
    return found


def _author(username: str, category: KnowledgeCategory, publish: bool) -> User:
    author = User.objects.filter(username=username, is_active=True).first()
    if author is None:
        raise CommandError(f"No active user is named {username!r}.", returncode=EX_USAGE)
    if not can_write_articles(author):
        raise CommandError(f"{username} may not write knowledge articles.", returncode=EX_USAGE)
    if publish and not may_review(author, category):
        raise CommandError(
            f"{username} may not publish in {category.name!r}: only its owner or a manager may. "
            "Import without --publish to leave drafts for review, or import as a reviewer.",
            returncode=EX_USAGE,
        )
    return author


class Command(BaseCommand):
    help = (
        "Import Markdown (.md, .markdown), HTML (.html, .htm) and Word (.docx) files, or folders of them, "
        "as knowledge articles. Broken files are reported and skipped; files already imported are skipped. "
        "Exit status 0: no file failed; 1: some files failed; 2: bad arguments."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Files or folders (searched recursively)."
        )
        parser.add_argument("--category", required=True, help="The knowledge category's name or id.")
        parser.add_argument("--author", required=True, help="Username of the writer the articles are by.")
        parser.add_argument(
            "--language", default="auto", choices=["en", "zh-hans", "auto"],
            help="The articles' language; auto (default): the file's front matter, else Chinese when "
            "enough of the text is Chinese, else English.",
        )  # fmt: skip
        parser.add_argument("--visibility", default="internal", choices=["internal", "public", "customers"])
        parser.add_argument(
            "--kind", default="how_to", choices=["how_to", "known_problem", "manual", "training"]
        )
        parser.add_argument(
            "--publish", action="store_true", help="Submit and publish each article as the author."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every file but save nothing.")

    def handle(self, *args, **options):
        category = _category(options["category"])
        settings = ImportSettings(
            category=category,
            author=_author(options["author"], category, options["publish"]),
            language=options["language"],
            visibility=options["visibility"],
            kind=options["kind"],
            publish=options["publish"],
            dry_run=options["dry_run"],
        )
        try:
            files = find_files(Path(p) for p in options["paths"])
        except InvalidInput as exc:
            raise CommandError(exc.message, returncode=EX_USAGE) from None
        if not files:
            raise CommandError("No .md, .markdown, .html, .htm or .docx files found.", returncode=EX_USAGE)
        counts = dict.fromkeys(_SHOWN, 0)
        for number, outcome in enumerate(import_files(files, settings), start=1):
            counts[outcome.result] += 1
            line = f"[{number}/{len(files)}] {outcome.path} ... {_SHOWN[outcome.result]}"
            self.stderr.write(f"{line}: {outcome.detail}" if outcome.result == FAILED else line)
        self._summary(counts, settings.dry_run)

    def _summary(self, counts: dict[str, int], dry_run: bool) -> None:
        verb = "would import" if dry_run else "imported"
        self.stdout.write(
            f"{'Dry run, nothing saved: ' if dry_run else ''}{counts[IMPORTED]} {verb}, "
            f"{counts[DUPLICATE]} already imported, {counts[FAILED]} failed."
        )
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} file(s) failed; see above.", returncode=EX_SOME_FAILED)
