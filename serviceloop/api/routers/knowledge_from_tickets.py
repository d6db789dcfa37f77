"""“Turn into article”: a resolved or closed ticket becomes a draft known-problem article."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from serviceloop.knowledge.services import draft_from_ticket, get_visible_article
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import get_visible_ticket

from ..auth import actor
from ..errors import responses
from ..schemas.common import Id
from ..schemas.knowledge import ArticleOut

router = Router(tags=["knowledge"])
_TICKET_RELATED = ("organisation", "contact", "machine__model", "product_model", "product_module")


class ArticleFromTicketIn(Schema):
    category_id: Id | None = Field(
        None, description="The category to file the article under; by default the first category of the "
        "ticket's product line (the error names the field when there is none).",
    )  # fmt: skip


class ArticleFromTicketOut(ArticleOut):
    source_ticket: str | None = Field(description="The number of the ticket the article was drafted from.")

    @staticmethod
    def resolve_source_ticket(obj: Any) -> str | None:
        return obj.source_ticket.number if obj.source_ticket_id else None


@router.post(
    "/tickets/{ref}/knowledge-article",
    response=responses({201: ArticleFromTicketOut}, 400, 403, 404, 409),
)
def draft_article_from_ticket(request: HttpRequest, ref: str, payload: ArticleFromTicketIn | None = None):
    """Draft an internal known-problem article from a resolved or closed ticket: its subject, the
    customer's first message, the approved solution plan's cause and steps, with the customer's data
    stripped. 409 when the ticket is not resolved or already became an article (the message names it)."""
    user = actor(request)
    queryset = Ticket.objects.select_related(*_TICKET_RELATED)
    ticket = get_visible_ticket(user, ref, queryset=queryset)
    category_id = payload.category_id if payload is not None else None
    article = draft_from_ticket(user, ticket, category_id=category_id)
    return Status(201, get_visible_article(user, article.pk))
