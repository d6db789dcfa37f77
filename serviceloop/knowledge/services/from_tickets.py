"""“Turn into article”: a resolved ticket becomes a draft known-problem article.

The draft takes the problem as the customer told it (their first message), the cause and the steps
of the approved solution plan, and the ticket's product, module and fault type, with the customer's
data stripped. It is internal and a draft: the engineer edits it, decides who may read it, and
submits it for review like any other article.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.solutions.services import approved_plan
from serviceloop.tickets.models import Message, Status, Ticket

from .. import events
from ..models import Article, Kind, KnowledgeCategory, Visibility
from ..policy import can_write_articles
from .content import ArticleContent, language_code
from .recording import record
from .stripping import strip_customer_data
from .writing import create_article

DRAFTABLE_STATUSES = (Status.RESOLVED, Status.CLOSED)
_LIMITS = {"title": 300, "symptom": 10_000, "cause": 10_000, "fix_steps": 20_000, "module": 120}

__all__ = ["AlreadyDrafted", "can_draft", "draft_from_ticket", "source_article", "strip_customer_data"]


class AlreadyDrafted(Conflict):
    """The ticket already became an article: `article` is the one to edit instead."""

    def __init__(self, article: Article):
        super().__init__(
            _("This ticket was already turned into the article “%(title)s” (number %(pk)s); edit that one.")
            % {"title": article.title, "pk": article.pk}
        )
        self.article = article


def source_article(ticket: Ticket) -> Article | None:
    """The article drafted from `ticket`, if any."""
    return Article.objects.filter(source_ticket=ticket).first()


def may_draft_from_tickets(user: Any) -> bool:
    """Our staff who write articles; partners write only their own company's documents."""
    return policy.is_staff(user) and can_write_articles(user)


def can_draft(user: Any, ticket: Ticket) -> bool:
    """Whether to offer “Turn into article” on this ticket now."""
    return may_draft_from_tickets(user) and ticket.status in DRAFTABLE_STATUSES


def _check(actor: Any, ticket: Ticket) -> None:
    if not may_draft_from_tickets(actor):
        raise Forbidden(_("You may not write knowledge articles from tickets."))
    if ticket.status not in DRAFTABLE_STATUSES:
        raise Conflict(
            _("Only a resolved or closed ticket can be turned into an article; %(number)s is %(status)s.")
            % {"number": ticket.number, "status": ticket.get_status_display()}
        )
    existing = source_article(ticket)
    if existing is not None:
        raise AlreadyDrafted(existing)


def ticket_language(ticket: Ticket) -> str:
    """The language the customer was answered in (the contact's, else the organisation's), as an
    article language code; English when none is known or it is not a language code."""
    contact = ticket.contact if ticket.contact_id else None
    code = (contact.language if contact is not None else "") or ticket.organisation.language or "en"
    try:
        return language_code(code)
    except InvalidInput:
        return "en"


def _product_model_id(ticket: Ticket) -> int | None:
    if ticket.product_model_id:
        return ticket.product_model_id
    return ticket.machine.model_id if ticket.machine_id and ticket.machine is not None else None


def _product_line_id(ticket: Ticket) -> int | None:
    if ticket.product_model_id and ticket.product_model is not None:
        return ticket.product_model.line_id
    if ticket.machine_id and ticket.machine is not None:
        return ticket.machine.model.line_id
    return ticket.product_module.line_id if ticket.product_module_id and ticket.product_module else None


def choose_category(ticket: Ticket) -> int:
    """The category of the ticket's product line (the one of its very model if there is one, else the
    first by name); a clear error asking to choose one when none fits."""
    line = _product_line_id(ticket)
    if line is None:
        raise InvalidInput(
            _("category_id: the ticket names no product, so choose the category of the article."),
            field="category_id",
        )
    candidates = KnowledgeCategory.objects.filter(product_line_id=line).order_by("name", "pk")
    model = _product_model_id(ticket)
    chosen = candidates.filter(product_model_id=model).first() if model else None
    chosen = chosen or candidates.first()
    if chosen is None:
        raise InvalidInput(
            _("category_id: no knowledge category covers this ticket's product line; choose a category."),
            field="category_id",
        )
    return chosen.pk


def _text(message: Message | None) -> str:
    return strip_tags(message.body).strip() if message is not None else ""


def _symptom(ticket: Ticket) -> str:
    """The customer's first message: the ticket's opening public message, written by the customer
    (mail, portal) or by the desk as the customer told it (phone). A later customer reply is more
    often "thanks, it works" than the problem."""
    replies = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).order_by("created_at", "id")
    return _text(replies.first())


def _last_answer(ticket: Ticket) -> str:
    """Without an approved plan, the fix is what our staff last told the customer."""
    replies = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).select_related("author")
    for message in replies.order_by("-created_at", "-id")[:50]:
        if policy.is_staff(message.author):
            return _text(message)
    return ""


def _fix_steps(plan: Any) -> str:
    """The plan's steps as a numbered Markdown list, then the tools and resources it needs."""
    lines = [f"{number}. {str(step).strip()}" for number, step in enumerate(plan.steps, start=1)]
    resources = [
        f"- {line.get('quantity', '')} × {line.get('description', '')} ({line['kind_label']})"
        for line in plan.resource_lines
    ]
    if resources:
        lines += ["", "**" + _("Tools and resources") + "**", "", *resources]
    return "\n".join(lines)


def draft_content(ticket: Ticket, category_id: Any = None) -> ArticleContent:
    """What the draft says, in the ticket's language, with the customer's data stripped."""
    language = ticket_language(ticket)
    with translation.override(language):
        plan = approved_plan(ticket)
        texts = {
            "title": ticket.subject,
            "symptom": _symptom(ticket),
            "cause": plan.cause if plan is not None else "",
            "fix_steps": _fix_steps(plan) if plan is not None else _last_answer(ticket),
        }
        values: dict[str, Any] = {
            name: strip_customer_data(text, ticket)[: _LIMITS[name]] for name, text in texts.items()
        }
    module = ticket.product_module.name if ticket.product_module_id and ticket.product_module else ""
    model = _product_model_id(ticket)
    values.update(
        kind=Kind.KNOWN_PROBLEM, language=language, visibility=Visibility.INTERNAL,
        category_id=category_id if category_id not in (None, "") else choose_category(ticket),
        module=module[: _LIMITS["module"]], product_model_ids=[model] if model else [],
        fault_type_id=ticket.fault_type_id,
    )  # fmt: skip
    return ArticleContent.of(**values)


def draft_from_ticket(actor: Any, ticket: Ticket, *, category_id: Any = None) -> Article:
    """A draft known-problem article from the resolved or closed `ticket`, written by `actor`.

    `category_id` overrides the category chosen by the ticket's product line. Refused for a ticket
    not yet resolved, and for one that already became an article (AlreadyDrafted names it)."""
    _check(actor, ticket)
    content = draft_content(ticket, category_id)
    plan = approved_plan(ticket)
    note = _("Drafted from a resolved ticket")
    try:
        with transaction.atomic():
            article = create_article(actor, content, note=note)
            Article.objects.filter(pk=article.pk).update(source_ticket=ticket)
            article.source_ticket = ticket
            record(
                article, events.ARTICLE_FROM_TICKET, actor, ticket=ticket.number,
                plan_version=plan.version if plan is not None else None,
            )  # fmt: skip
    except IntegrityError as exc:
        # Someone turned the same ticket into an article at the same moment.
        existing = source_article(ticket)
        if existing is None:
            raise
        raise AlreadyDrafted(existing) from exc
    return article
