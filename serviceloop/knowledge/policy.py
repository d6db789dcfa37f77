"""Who may write, review and read articles: the knowledge base's rules, built on core.policy.

Kept beside the knowledge base (not in core/policy.py) because only it uses them; the notions they
rest on (staff, partner, customer, approver roles) still come from core, so every face agrees.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from serviceloop.core import policy
from serviceloop.core.roles import APPROVER_ROLES, Role

from .models import LIVE_STATUSES, Visibility


def can_write_articles(user: Any) -> bool:
    """Write articles at all: our staff (quality inspectors only read) and partners' technicians, who
    write their own company's product documents."""
    if policy.is_staff(user):
        return user.role != Role.QUALITY
    return policy.is_partner(user) and bool(user.supplier_id)


def may_edit(user: Any, article: Any) -> bool:
    """Change this article's text: any writer among our staff; a partner only its own company's
    documents, which never are internal (internal notes are for our staff alone)."""
    if not can_write_articles(user):
        return False
    if policy.is_staff(user):
        return True
    return article.supplier_id == user.supplier_id and article.visibility != Visibility.INTERNAL


def may_review(user: Any, category: Any) -> bool:
    """Publish, send back, re-confirm or archive the articles of `category`: its owner, or a manager
    (supervisors, support managers and administrators)."""
    if not policy.is_staff(user):
        return False
    return user.pk == category.owner_id or user.role in APPROVER_ROLES


def article_scope(user: Any) -> Q:
    """The filter that limits articles to those `user` may read.

    Anonymous visitors read public articles; signed-in customers also those for customers; partners
    also their own company's documents (and its drafts, which they write); our staff read everything.
    Only live articles (published or due for review) are shown outside our staff, except a partner's
    own company's work in progress."""
    if policy.is_staff(user):
        return Q()
    live = Q(status__in=LIVE_STATUSES)
    if policy.is_partner(user) and user.is_active and user.supplier_id:
        own = Q(supplier_id=user.supplier_id) & ~Q(visibility=Visibility.INTERNAL)
        readable = Q(visibility__in=(Visibility.PUBLIC, Visibility.CUSTOMERS))
        return (live & readable) | own
    if policy.is_customer(user) and user.is_active:
        return live & Q(visibility__in=(Visibility.PUBLIC, Visibility.CUSTOMERS))
    return live & Q(visibility=Visibility.PUBLIC)
