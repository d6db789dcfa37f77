"""An article's set of files as its versions keep it: what each version lists, what changed between two
versions, and bringing back the set an earlier version had.

A file is never deleted, only marked removed (see ArticleAttachment), so every file a version lists
can come back when that version is restored."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ..models import Article, ArticleAttachment, ArticleVersion

# One file as a version lists it: {"id": attachment id, "name": its name when the version was made}.
Listed = dict[str, Any]


def live_files(article: Article) -> QuerySet:
    """The files readers see: not removed, in upload order."""
    return ArticleAttachment.objects.filter(article=article, removed_at__isnull=True).order_by(
        "uploaded_at", "id"
    )


def listing(article: Article) -> list[Listed]:
    """What a new version of `article` keeps as its files."""
    return [{"id": pk, "name": name} for pk, name in live_files(article).values_list("id", "original_name")]


def _ids(files: list[Listed]) -> list[Any]:
    return [item.get("id") for item in files or []]


def file_changes(old: ArticleVersion, new: ArticleVersion) -> tuple[list[str], list[str]]:
    """(names added, names removed) from `old` to `new`. Told apart by id, not name: a manual replaced
    by a newer one of the same name is one file removed and one added."""
    old_ids, new_ids = set(_ids(old.attachments)), set(_ids(new.attachments))
    added = [str(item.get("name", "")) for item in new.attachments or [] if item.get("id") not in old_ids]
    removed = [str(item.get("name", "")) for item in old.attachments or [] if item.get("id") not in new_ids]
    return added, removed


def differs_from_live(article: Article, files: list[Listed]) -> bool:
    """Whether bringing back `files` would change what readers of `article` see."""
    wanted = set(_ids(files))
    existing = set(
        ArticleAttachment.objects.filter(article=article, pk__in=wanted).values_list("pk", flat=True)
    )
    return existing != set(live_files(article).values_list("pk", flat=True))


def bring_back(article: Article, files: list[Listed], actor: Any) -> None:
    """Make `files` the article's set again: listed files come back, any other file is marked removed.
    A listed file whose row is gone (it should not be) is skipped, so the rest is still restored."""
    wanted = [pk for pk in _ids(files) if isinstance(pk, int)]
    rows = ArticleAttachment.objects.filter(article=article)
    rows.filter(pk__in=wanted, removed_at__isnull=False).update(removed_at=None, removed_by=None)
    rows.exclude(pk__in=wanted).filter(removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=actor if getattr(actor, "pk", None) else None
    )
