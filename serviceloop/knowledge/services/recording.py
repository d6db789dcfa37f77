"""One history row per step of an article, and one version row per change of its text or files."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ..models import VERSIONED_FIELDS, Article, ArticleEvent, ArticleVersion
from .file_sets import listing


def record(article: Article, name: str, actor: Any, *, old_status: str = "", **data: Any) -> ArticleEvent:
    return ArticleEvent.objects.create(
        article=article, name=name, actor=actor if getattr(actor, "pk", None) else None,
        old_status=old_status, new_status=article.status, data=data, at=timezone.now(),
    )  # fmt: skip


def snapshot(article: Article, actor: Any, note: str = "") -> ArticleVersion:
    """Keep what `article` says now, and which files it has, as its version `article.version`."""
    return ArticleVersion.objects.create(
        article=article, number=article.version, author=actor if getattr(actor, "pk", None) else None,
        note=note, created_at=article.updated_at, attachments=listing(article),
        **{name: getattr(article, name) for name in VERSIONED_FIELDS},
    )  # fmt: skip
