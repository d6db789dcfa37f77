"""Readers' votes on articles, and problems they solved with an article instead of opening a ticket."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core.errors import InvalidInput
from serviceloop.tickets.services import validation as v

from ..models import Article, ArticleFeedback, Deflection

MAX_COMMENT = 2000
MAX_QUERY = 200


@dataclass(frozen=True)
class FeedbackCounts:
    helpful: int
    not_helpful: int


def _reader(user: Any, session_key: str | None) -> dict[str, Any]:
    """Who votes: a signed-in user, else the anonymous visitor's browser session."""
    if user is not None and getattr(user, "is_authenticated", False):
        return {"user": user}
    if not session_key:
        raise InvalidInput(_("Your browser did not keep our cookie; allow cookies to give feedback."))
    return {"user": None, "session_key": session_key}


def give_feedback(user: Any, article: Article, helpful: Any, comment: Any = "", *,
                  session_key: str | None = None) -> ArticleFeedback:  # fmt: skip
    """Record the reader's vote; a reader who votes again changes their vote rather than adding one.

    `article` must be one the reader may read (the faces fetch it through visible_articles)."""
    if not isinstance(helpful, bool):
        raise InvalidInput(_("helpful: answer true or false."), field="helpful")
    text = v.text(comment, "comment", max_length=MAX_COMMENT, required=False)
    who = _reader(user, session_key)
    values = {"helpful": helpful, "comment": text, "created_at": timezone.now()}
    try:
        with transaction.atomic():
            vote, _created = ArticleFeedback.objects.update_or_create(article=article, **who, defaults=values)
    except IntegrityError:
        # Two votes of one reader at once: the other one was first; this one changes it.
        with transaction.atomic():
            vote, _created = ArticleFeedback.objects.update_or_create(article=article, **who, defaults=values)
    return vote


def counts(article: Article) -> FeedbackCounts:
    found = ArticleFeedback.objects.filter(article=article).aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    return FeedbackCounts(helpful=found["yes"] or 0, not_helpful=found["no"] or 0)


def own_vote(user: Any, article: Article, session_key: str | None = None) -> ArticleFeedback | None:
    """The vote this reader gave the article, if any (to show it back to them)."""
    try:
        who = _reader(user, session_key)
    except InvalidInput:
        return None
    return ArticleFeedback.objects.filter(article=article, **who).first()


def record_deflection(user: Any, article: Article, query: Any = "", *,
                      session_key: str | None = None) -> tuple[Deflection, bool]:  # fmt: skip
    """Count that `article` solved the reader's problem without a ticket; once per reader and article.

    Returns the record and whether it is new."""
    text = v.text(query, "query", max_length=10_000, required=False)[:MAX_QUERY]
    who = _reader(user, session_key)
    earlier = Deflection.objects.filter(article=article, **who).first()
    if earlier is not None:
        return earlier, False
    return Deflection.objects.create(article=article, query=text, **who), True


def deflections(article: Article) -> int:
    return Deflection.objects.filter(article=article).count()
