"""Telling category owners which of their articles have come due for review."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from serviceloop.notifications.services import Text, notify

from ..models import Article

KIND = "knowledge.review_due"
LISTED = 20  # titles named in one reminder; the owner's reviews page lists them all


def remind_owners(article_ids: list[int]) -> int:
    """One notification (and mail) per owner naming their articles just flagged; returns how many."""
    by_owner: dict[Any, list[str]] = defaultdict(list)
    articles = Article.objects.filter(pk__in=article_ids).select_related("category__owner").order_by("title")
    for article in articles:
        if article.category.owner is not None:
            by_owner[article.category.owner].append(article.title)
    for owner, titles in by_owner.items():

        def render(user: Any, titles: list[str] = titles) -> Text:
            title = ngettext(
                "%(count)s knowledge article is due for review",
                "%(count)s knowledge articles are due for review",
                len(titles),
            ) % {"count": len(titles)}
            lines = [_("Confirm each as still right, change it, or archive it:")]
            lines += [f"- {name}" for name in titles[:LISTED]]
            if len(titles) > LISTED:
                lines.append(_("… and %(count)s more.") % {"count": len(titles) - LISTED})
            return Text(title, "\n".join(lines))

        notify([owner], KIND, render)
    return len(by_owner)
