"""Thanking the top contributors of the quarter just ended, once per quarter.

Each of the top people (with points) is congratulated with their rank and figures, and the managers,
who see the ranking page, get one summary with a link to it. The quarter's recognition is recorded
first, in the same transaction as the notifications, so a second run for it sends nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from serviceloop.core.errors import InvalidInput
from serviceloop.core.roles import APPROVER_ROLES
from serviceloop.notifications.services import Text, notify

from ..models import ContributorRecognition
from .contributions import Contribution, Quarter, contributions, may_see_contributions

KIND_CONGRATULATION = "knowledge.contributor_recognised"
KIND_SUMMARY = "knowledge.contributors_summary"
DEFAULT_TOP = 3


def top_size() -> int:
    """How many people are thanked each quarter: settings.KNOWLEDGE_TOP_CONTRIBUTORS, 3 if unset."""
    return max(0, int(getattr(settings, "KNOWLEDGE_TOP_CONTRIBUTORS", DEFAULT_TOP)))


def quarter_just_ended(now: datetime | None = None) -> Quarter:
    """The quarter before the one `now` falls in, read in the project's time zone."""
    moment = now or timezone.now()
    return Quarter.of(timezone.localtime(moment, timezone.get_default_timezone()).date()).previous


def top_contributors(quarter: Quarter, size: int | None = None) -> list[Contribution]:
    """The first `size` of the quarter's ranking (the ranking page's order), nobody without points."""
    return [row for row in contributions(quarter) if row.points > 0][: top_size() if size is None else size]


def _entry(rank: int, row: Contribution) -> dict[str, Any]:
    return {
        "rank": rank, "user_id": row.user.pk, "name": str(row.user), "points": row.points,
        "articles": row.articles, "reviews": row.reviews, "edits": row.edits, "uses": row.uses,
        "helpful_votes": row.helpful_votes,
    }  # fmt: skip


def recognise(quarter: Quarter, *, now: datetime | None = None) -> tuple[ContributorRecognition, bool]:
    """Thank `quarter`'s top contributors and tell the managers; (the record, whether it was sent now).

    A quarter already recognised is left alone, so the periodic task and the command may run again."""
    moment = now or timezone.now()
    if quarter.end > moment:
        raise InvalidInput(
            _("quarter: %(quarter)s has not ended yet.") % {"quarter": quarter}, field="quarter"
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = ContributorRecognition.objects.create(quarter=str(quarter), sent_at=moment)
        except IntegrityError:  # recognised before, or by a run at the same moment
            return ContributorRecognition.objects.get(quarter=str(quarter)), False
        top = [_entry(rank, row) for rank, row in enumerate(top_contributors(quarter), start=1)]
        record.top = top
        record.save(update_fields=["top"])
        if top:
            _congratulate(quarter, top)
            _tell_managers(quarter, top)
    return record, True


def _congratulate(quarter: Quarter, top: list[dict[str, Any]]) -> None:
    people = get_user_model().objects.in_bulk([entry["user_id"] for entry in top])
    for entry in top:

        def render(user: Any, entry: dict[str, Any] = entry) -> Text:
            title = _("Thank you: you are number %(rank)s of the knowledge contributors in %(quarter)s")
            title %= {"rank": entry["rank"], "quarter": quarter}
            return Text(title, _figures(entry))

        if entry["user_id"] in people:
            notify([people[entry["user_id"]]], KIND_CONGRATULATION, render)


def _figures(entry: dict[str, Any]) -> str:
    return _(
        "%(points)s points: %(articles)s articles written, %(reviews)s reviews, %(edits)s edits, "
        "%(uses)s uses on tickets and %(votes)s helpful votes from readers."
    ) % {
        "points": entry["points"], "articles": entry["articles"], "reviews": entry["reviews"],
        "edits": entry["edits"], "uses": entry["uses"], "votes": entry["helpful_votes"],
    }  # fmt: skip


def ranking_link(quarter: Quarter) -> str:
    page = reverse("console:knowledge_contributions")
    return f"{settings.SITE_URL.rstrip('/')}{page}?{urlencode({'quarter': str(quarter)})}"


def _tell_managers(quarter: Quarter, top: list[dict[str, Any]]) -> None:
    candidates = get_user_model().objects.filter(role__in=APPROVER_ROLES, is_active=True)
    managers = [user for user in candidates if may_see_contributions(user)]

    def render(user: Any) -> Text:
        title = _("The top knowledge contributors of %(quarter)s") % {"quarter": quarter}
        lines = [f"{entry['rank']}. {entry['name']}: {_figures(entry)}" for entry in top]
        lines += ["", _("They were thanked. The whole ranking: %(link)s") % {"link": ranking_link(quarter)}]
        return Text(title, "\n".join(lines))

    notify(managers, KIND_SUMMARY, render)


def in_project_time(timestamp: datetime, *, utc: bool) -> datetime:
    """A periodic task's timestamp (naive: UTC when the queue counts in UTC, else the machine's own
    time) read in the project's TIME_ZONE, where the quarters begin."""
    aware = timestamp.replace(tzinfo=UTC) if utc else timestamp.astimezone()
    return aware.astimezone(timezone.get_default_timezone())
