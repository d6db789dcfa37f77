"""Writing articles: a new one, an edit, a restored version. Every change of the text (or of the files,
see attachments.py) is a new version."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from serviceloop.tickets.services import validation as v

from .. import events
from ..models import VERSIONED_FIELDS, Article, ArticleStatus, ArticleVersion
from ..policy import can_write_articles, may_edit, may_review
from . import file_sets
from .content import ArticleContent, check_filing, checked
from .indexing import refresh_search_columns
from .recording import record, snapshot

_REQUIRED_ON_CREATE = ("title", "category_id")


def _note(value: Any) -> str:
    return v.text(value, "note", max_length=300, required=False)


def _apply(article: Article, values: dict[str, Any]) -> list[Any] | None:
    """Set the plain fields on `article`; return the product models to set once it is saved."""
    models = values.pop("product_models", None)
    for name, value in values.items():
        setattr(article, name, value)
    return models


def _one_per_language(exc: IntegrityError) -> Conflict:
    return Conflict(_("This article already has a version in that language; edit that one instead."))


def create_article(actor: Any, content: ArticleContent, *, note: str = "",
                   translation_of: Article | None = None) -> Article:  # fmt: skip
    """A new draft written by `actor`; `translation_of` makes it a language version of that article."""
    if not can_write_articles(actor):
        raise Forbidden(_("You may not write knowledge articles."))
    missing = [name for name in _REQUIRED_ON_CREATE if name not in content.given]
    if missing:
        raise InvalidInput(_("%(field)s is required.") % {"field": missing[0]}, field=missing[0])
    note = _note(note)
    values = checked(content)
    article = Article(author=actor)
    if policy.is_partner(actor) and "supplier" not in values:
        article.supplier_id = actor.supplier_id  # a partner writes for its own company
    if translation_of is not None:
        article.translation_group = translation_of.translation_group
    models = _apply(article, values)
    check_filing(actor, article)
    now = timezone.now()
    article.created_at = article.updated_at = now
    try:
        with transaction.atomic():
            article.save()
            if models:
                article.product_models.set(models)
            refresh_search_columns(article)
            snapshot(article, actor, note)
            record(article, events.ARTICLE_CREATED, actor, version=article.version)
    except IntegrityError as exc:
        raise _one_per_language(exc) from exc
    return article


def check_may_change(actor: Any, article: Article) -> None:
    """Drafts are changed by their writers; a live article only by its reviewers, whose fixes go live
    at once (still versioned); an article in review or archived not at all."""
    if not may_edit(actor, article):
        raise Forbidden(_("You may not change this article."))
    if article.status in (ArticleStatus.IN_REVIEW, ArticleStatus.ARCHIVED):
        raise Conflict(
            _("The article is %(status)s and cannot be changed now.")
            % {"status": article.get_status_display()}
        )
    if article.status != ArticleStatus.DRAFT and not may_review(actor, article.category):
        raise Forbidden(
            _("A published article is changed by its category's owner or a manager; ask them to change it.")
        )


def _changed(article: Article, values: dict[str, Any]) -> bool:
    for name, value in values.items():
        if name == "product_models":
            if {m.pk for m in value} != set(article.product_models.values_list("pk", flat=True)):
                return True
        elif getattr(article, name) != value:
            return True
    return False


def save_version(actor: Any, article: Article, change: Callable[[Article], None], *, note: str,
                 event: str, same_version: bool = True, **data: Any) -> Article:  # fmt: skip
    """The one way an article gets its next version, for text and files alike: lock it, make `change`
    to the locked row, count the version, keep what it says and which files it has, record the step.
    `same_version` refuses when someone made a version since `article` was read (a text edit based on
    it would undo theirs); a file added or removed is no such risk."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status != article.status or (same_version and locked.version != article.version):
            raise Conflict(_("Someone else changed this article meanwhile; reload it and try again."))
        change(locked)
        locked.version += 1
        locked.updated_at = timezone.now()
        locked.save()
        snapshot(locked, actor, note)
        record(locked, event, actor, version=locked.version, **data)
    return locked


def _text_change(actor: Any, values: dict[str, Any]) -> Callable[[Article], None]:
    def change(locked: Article) -> None:
        models = _apply(locked, dict(values))
        check_filing(actor, locked)
        if models is not None:
            locked.product_models.set(models)
        refresh_search_columns(locked)

    return change


def edit_article(actor: Any, article: Article, content: ArticleContent, *, note: str = "",
                 event: str = events.ARTICLE_EDITED, **data: Any) -> Article:  # fmt: skip
    """Change the given fields; the result is the article's next version. No change, no version."""
    check_may_change(actor, article)
    note = _note(note)
    values = checked(content)
    if not _changed(article, values):
        return article
    try:
        return save_version(actor, article, _text_change(actor, values), note=note, event=event, **data)
    except IntegrityError as exc:
        raise _one_per_language(exc) from exc


def get_version(article: Article, number: Any) -> ArticleVersion:
    try:
        return ArticleVersion.objects.get(article=article, number=int(number))
    except (ArticleVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("This article has no version %(number)s.") % {"number": v.shown(number)}) from exc


def only_files_changed_since(article: Article, number: Any) -> bool:
    """Whether every version after `number` changed only the article's files, so an editor opened at
    `number` (which may upload files while its text is being written) can still save that text."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return False
    versions = list(ArticleVersion.objects.filter(article=article, number__gte=number).order_by("number"))
    if not versions or versions[0].number != number or versions[-1].number != article.version:
        return False
    return all(
        new.attachments != old.attachments
        and all(getattr(new, f) == getattr(old, f) for f in VERSIONED_FIELDS)
        for old, new in pairwise(versions)
    )


def restore_version(actor: Any, article: Article, number: Any, *, note: str = "") -> Article:
    """Make what version `number` said, and the files it had, the article's again, as a new version
    (history is kept). Files it listed that were removed since come back; files added since are
    removed (kept, so a later restore can bring them back in turn)."""
    check_may_change(actor, article)
    old = get_version(article, number)
    values = checked(ArticleContent.of(**{name: getattr(old, name) for name in VERSIONED_FIELDS}))
    text_changed = _changed(article, values)
    if not text_changed and not file_sets.differs_from_live(article, old.attachments):
        raise Conflict(_("The article already says what version %(number)s says.") % {"number": old.number})
    note = _note(note) or _("Restored version %(number)s") % {"number": old.number}
    text = _text_change(actor, values)

    def change(locked: Article) -> None:
        if text_changed:
            text(locked)
        file_sets.bring_back(locked, old.attachments, actor)

    try:
        return save_version(
            actor, article, change, note=note, event=events.ARTICLE_RESTORED, restored=old.number
        )
    except IntegrityError as exc:
        raise _one_per_language(exc) from exc
