"""An article's way to readers: draft -> in review -> published -> due for review -> published again
(re-confirmed) or archived; a review that finds fault sends it back to draft.

Writers submit; the category's owner or a manager decides. Each move is checked against the status
the article had when the person looked, so two people deciding at once cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.tickets.services import validation as v

from .. import events
from ..models import Article, ArticleStatus, Kind
from ..policy import may_edit, may_review
from .recording import record
from .reminders import remind_owners

S = ArticleStatus


@dataclass(frozen=True)
class Move:
    sources: tuple[str, ...]
    target: str
    event: str
    by_reviewer: bool
    label: Any


MOVES = {
    "submit": Move(
        (S.DRAFT,), S.IN_REVIEW, events.ARTICLE_SUBMITTED, False, gettext_lazy("Submit for review")
    ),
    "publish": Move((S.IN_REVIEW,), S.PUBLISHED, events.ARTICLE_PUBLISHED, True, gettext_lazy("Publish")),
    "reject": Move(
        (S.IN_REVIEW,), S.DRAFT, events.ARTICLE_REJECTED, True, gettext_lazy("Send back to draft")
    ),
    "reconfirm": Move(
        (S.DUE_FOR_REVIEW,),
        S.PUBLISHED,
        events.ARTICLE_RECONFIRMED,
        True,
        gettext_lazy("Confirm as still right"),
    ),
    "archive": Move(
        (S.PUBLISHED, S.DUE_FOR_REVIEW), S.ARCHIVED, events.ARTICLE_ARCHIVED, True, gettext_lazy("Archive")
    ),
}


def _check_complete(article: Article) -> None:
    """What a reader needs before an article goes to review."""
    if article.kind == Kind.KNOWN_PROBLEM:
        for name in ("symptom", "fix_steps"):
            if not getattr(article, name).strip():
                raise InvalidInput(
                    _("%(field)s: a known problem needs its symptom and its fix steps.") % {"field": name},
                    field=name,
                )
    elif not article.body.strip():
        raise InvalidInput(_("body: write the article's text before submitting it."), field="body")


def _check_allowed(actor: Any, article: Article, move: Move) -> None:
    if move.by_reviewer and not may_review(actor, article.category):
        raise Forbidden(_("Only the category's owner or a manager may review this article."))
    if not move.by_reviewer and not may_edit(actor, article):
        raise Forbidden(_("You may not submit this article."))
    if article.status not in move.sources:
        raise Conflict(
            _("The article is %(status)s; “%(action)s” is not possible now.")
            % {"status": article.get_status_display(), "action": move.label}
        )


def next_review(article: Article, today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=article.category.review_every_days)


def can(actor: Any, article: Article, action: str) -> bool:
    """Whether `actor` may do `action` to the article now (for showing the buttons)."""
    try:
        _check_allowed(actor, article, MOVES[action])
    except (Forbidden, Conflict, KeyError):
        return False
    return True


def move(actor: Any, article: Article, action: str, comment: str = "") -> Article:
    """Do one step of the workflow; a review that sends an article back must say why."""
    if action not in MOVES:
        raise InvalidInput(
            _("action: %(value)s is not one of %(choices)s.")
            % {"value": v.shown(action), "choices": ", ".join(MOVES)},
            field="action",
        )
    step = MOVES[action]
    _check_allowed(actor, article, step)
    text = v.text(comment, "comment", max_length=2000, required=action == "reject")
    if action == "submit":
        _check_complete(article)
    now = timezone.now()
    changes: dict[str, Any] = {"status": step.target}
    if step.target == S.PUBLISHED:
        changes["review_due_on"] = next_review(article)
        changes["published_at"] = article.published_at or now
    with transaction.atomic():
        written = Article.objects.filter(pk=article.pk, status=article.status).update(**changes)
        if not written:
            raise Conflict(_("Someone else moved this article meanwhile; reload it."))
        old = article.status
        for name, value in changes.items():
            setattr(article, name, value)
        record(article, step.event, actor, old_status=old, comment=text, version=article.version)
    return article


def sweep_due_reviews(today: date | None = None) -> int:
    """Flag published articles whose review date has come as due for review, and remind their
    categories' owners; returns how many were flagged."""
    today = today or timezone.localdate()
    flagged: list[int] = []
    due = Article.objects.filter(status=S.PUBLISHED, review_due_on__lte=today).only("pk", "status", "version")
    for article in due.iterator():
        with transaction.atomic():
            if not Article.objects.filter(pk=article.pk, status=S.PUBLISHED).update(status=S.DUE_FOR_REVIEW):
                continue  # re-confirmed or archived meanwhile
            article.status = S.DUE_FOR_REVIEW
            record(
                article, events.ARTICLE_DUE_FOR_REVIEW, None, old_status=S.PUBLISHED, version=article.version
            )
            flagged.append(article.pk)
    remind_owners(flagged)
    return len(flagged)
