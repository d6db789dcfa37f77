"""Who keeps the knowledge base alive: contributions per person per quarter, and the ranking of them.

Counted in a quarter (calendar quarters in UTC, the time the steps are stored in):
- articles written: articles a person created (new ones, language versions, drafts from tickets);
- edits: changes of an article's text, restored versions included;
- reviews: articles a person published, sent back to draft, or confirmed as still right;
- uses: times one of the person's articles was used on a ticket (inserted or linked in a reply,
  counted once per ticket), credited to the article's writer;
- helpful votes: readers' "helpful" votes on the person's articles (their own votes left out).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Forbidden, InvalidInput, NotFound
from serviceloop.core.roles import APPROVER_ROLES
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import validation as v

from .. import events
from ..models import Article, ArticleEvent, ArticleFeedback, ArticleUse
from ..policy import article_scope

# Points of one contribution of each kind: writing is worth most, a review more than an edit, and an
# article that solves tickets earns its writer more than a reader's vote.
POINTS = {"articles": 5, "reviews": 2, "edits": 1, "uses": 3, "helpful_votes": 1}
_EVENT_KINDS = {
    events.ARTICLE_CREATED: "articles",
    events.ARTICLE_EDITED: "edits",
    events.ARTICLE_RESTORED: "edits",
    events.ARTICLE_PUBLISHED: "reviews",
    events.ARTICLE_REJECTED: "reviews",
    events.ARTICLE_RECONFIRMED: "reviews",
}
_QUARTER = re.compile(r"^\s*([0-9]{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)
RANKING_SIZE = 50


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, value: Any) -> Quarter:
        """A quarter written like 2026Q4 (or 2026-Q4)."""
        match = _QUARTER.match(str(value)) if value is not None else None
        if not match or not 1970 <= int(match.group(1)) <= 9998:
            raise InvalidInput(
                _("quarter: %(value)s is not a quarter such as 2026Q4.") % {"value": v.shown(value)},
                field="quarter",
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> Quarter:
        return cls.of(timezone.now().astimezone(timezone.get_default_timezone()).date())

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)

    @property
    def next(self) -> Quarter:
        return Quarter(self.year, self.number + 1) if self.number < 4 else Quarter(self.year + 1, 1)

    @property
    def start(self) -> datetime:
        zone = timezone.get_default_timezone()
        return datetime(self.year, 3 * self.number - 2, 1, tzinfo=zone)

    @property
    def end(self) -> datetime:
        """The start of the next quarter (excluded)."""
        return self.next.start


@dataclass
class Contribution:
    user: Any
    articles: int = 0
    edits: int = 0
    reviews: int = 0
    uses: int = 0
    helpful_votes: int = 0

    @property
    def points(self) -> int:
        return sum(getattr(self, kind) * weight for kind, weight in POINTS.items())


def may_see_contributions(user: Any) -> bool:
    """The ranking is for managers: supervisors, support managers and administrators."""
    return policy.is_staff(user) and user.role in APPROVER_ROLES


def _counts(quarter: Quarter) -> dict[int, dict[str, int]]:
    """{user id: {kind: count}} of everything counted in `quarter`."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    steps = ArticleEvent.objects.filter(
        name__in=list(_EVENT_KINDS), at__gte=quarter.start, at__lt=quarter.end, actor__isnull=False
    )
    for row in steps.values("actor_id", "name").annotate(n=Count("id")).order_by():
        counts[row["actor_id"]][_EVENT_KINDS[row["name"]]] += row["n"]
    uses = ArticleUse.objects.filter(at__gte=quarter.start, at__lt=quarter.end, article__author__isnull=False)
    for row in uses.values("article__author_id").annotate(n=Count("id")).order_by():
        counts[row["article__author_id"]]["uses"] += row["n"]
    votes = ArticleFeedback.objects.filter(
        helpful=True, created_at__gte=quarter.start, created_at__lt=quarter.end, article__author__isnull=False
    ).exclude(user_id=F("article__author_id"))
    for row in votes.values("article__author_id").annotate(n=Count("id")).order_by():
        counts[row["article__author_id"]]["helpful_votes"] += row["n"]
    return counts


def contributions(quarter: Quarter) -> list[Contribution]:
    """Everyone who contributed in `quarter`, most points first (then by name)."""
    counts = _counts(quarter)
    users = get_user_model().objects.in_bulk(list(counts))
    rows = [Contribution(users[pk], **kinds) for pk, kinds in counts.items() if pk in users]
    rows.sort(key=lambda row: (-row.points, str(row.user).lower(), row.user.pk))
    return rows


def ranking(actor: Any, quarter: Quarter, limit: int = RANKING_SIZE) -> list[Contribution]:
    """The top contributors of `quarter`, for managers."""
    if not may_see_contributions(actor):
        raise Forbidden(_("Only supervisors, support managers and administrators see the contributions."))
    return contributions(quarter)[:limit]


def record_use(actor: Any, article: Article, ticket: Ticket) -> ArticleUse:
    """`actor` used `article` on `ticket` (inserted or linked it in a reply). Counted once per ticket:
    using it again returns the first record."""
    if not (policy.is_staff(actor) or policy.is_partner(actor)):
        raise Forbidden(_("Only our staff and partners' technicians use articles on tickets."))
    if not policy.visible_tickets(actor, Ticket.objects.filter(pk=ticket.pk)).exists():
        raise NotFound(_("No ticket %(ref)s.") % {"ref": ticket.number})
    if not Article.objects.filter(article_scope(actor), pk=article.pk).exists():
        raise NotFound(_("No article %(ref)s.") % {"ref": article.pk})
    try:
        with transaction.atomic():
            use, _created = ArticleUse.objects.get_or_create(
                article=article, ticket=ticket, defaults={"user": actor, "at": timezone.now()}
            )
    except IntegrityError:  # recorded by someone else at the same moment
        use = ArticleUse.objects.get(article=article, ticket=ticket)
    return use
