"""The demo knowledge base: a shelf per product line, articles in English and Chinese in each state
of their review, readers' votes and searches that found nothing.

Everything goes through the knowledge services, as the people named in the texts would do it, so the
history, versions and search columns are those of real use.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from serviceloop.accounts.models import User
from serviceloop.customers.models import ProductLine, ProductModel, Supplier
from serviceloop.knowledge.models import Article, KnowledgeCategory
from serviceloop.knowledge.services import ArticleContent, create_article, move
from serviceloop.knowledge.services.feedback import give_feedback, record_deflection
from serviceloop.knowledge.services.gaps import record_miss
from serviceloop.tickets.models import FaultType

from .knowledge_articles import CATEGORIES, DRAFT, IN_REVIEW, LANGUAGE_PAIRS, OVERDUE, Doc
from .knowledge_single import CHINESE, ENGLISH

ARTICLES = [*LANGUAGE_PAIRS, *ENGLISH, *CHINESE]
# reader's login, article key, helpful, comment
VOTES = [
    ("customer", "spindle-hot", True, ""),
    ("customer", "laser-e217", True, "The ceramic ring was cracked, exactly as described."),
    ("customer", "purging", False, "Which purging compound do you recommend for polycarbonate?"),
    ("customer", "im300-leak", True, ""),
    ("customer-cn", "cl200-no-start", True, ""),
    ("customer-cn", "lens-check", True, "步骤很清楚，换完镜片切割恢复正常。"),
    ("customer-cn", "spindle-hot-zh", False, "能否附一张吸油滤网位置的照片？"),
    ("partner", "hydra-gib", True, ""),
]
# An anonymous visitor's vote is kept by their browser session.
ANONYMOUS_VOTE = ("demo-visitor-session", "portal-report", True)
DEFLECTION = ("customer-cn", "cl200-no-start", "开机 黑屏")
# search, language, times searched
SEARCH_MISSES = [("bar feeder interface signals", "en", 3), ("机械手 自动上下料 接口", "zh-hans", 2)]
# The overdue article's review date lies this many days back.
OVERDUE_DAYS = 12


class _Catalogue:
    """Ids of what the texts name (model codes, fault codes, supplier names), read once."""

    def __init__(self) -> None:
        self.models = dict(ProductModel.objects.values_list("code", "pk"))
        self.faults = dict(FaultType.objects.values_list("code", "pk"))
        self.suppliers = dict(Supplier.objects.values_list("name", "pk"))


def _create_categories(users: dict[str, User]) -> dict[str, KnowledgeCategory]:
    lines = dict(ProductLine.objects.values_list("name", "pk"))
    categories = {}
    for name, line, owner, days in CATEGORIES:
        categories[name] = KnowledgeCategory.objects.create(
            name=name,
            product_line_id=lines[line] if line else None,
            owner=users[owner],
            review_every_days=days,
        )
    return categories


def _content(doc: Doc, category: KnowledgeCategory, catalogue: _Catalogue) -> ArticleContent:
    values: dict[str, Any] = {
        "kind": doc.kind, "title": doc.title, "language": doc.language, "visibility": doc.visibility,
        "category_id": category.pk, "tags": list(doc.tags),
    }  # fmt: skip
    for name in ("body", "symptom", "cause", "fix_steps", "module"):
        if getattr(doc, name):
            values[name] = getattr(doc, name)
    if doc.models:
        values["product_model_ids"] = [catalogue.models[code] for code in doc.models]
    if doc.fault:
        values["fault_type_id"] = catalogue.faults[doc.fault]
    if doc.supplier:
        values["supplier_id"] = catalogue.suppliers[doc.supplier]
    return ArticleContent.of(**values)


def _write(doc: Doc, author: User, category: KnowledgeCategory, catalogue: _Catalogue,
           original: Article | None) -> Article:  # fmt: skip
    """Write the article and take it as far as its status says: the writer submits, the owner publishes."""
    article = create_article(author, _content(doc, category, catalogue), translation_of=original)
    if doc.status == DRAFT:
        return article
    move(author, article, "submit")
    if doc.status == IN_REVIEW:
        return article
    move(category.owner, article, "publish", comment="Checked on a machine in our workshop.")
    if doc.status == OVERDUE:
        # Publishing dates the review from today (no service sets a date in the past): an article
        # published over a year ago is imitated by moving its review date back. It stays published,
        # so the owner's reviews show it overdue and the nightly sweep flags it due for review.
        article.review_due_on = timezone.localdate() - timedelta(days=OVERDUE_DAYS)
        Article.objects.filter(pk=article.pk).update(review_due_on=article.review_due_on)
    return article


def _reader_traces(users: dict[str, User], articles: dict[str, Article]) -> None:
    """Votes, a problem solved without a ticket, and content gaps, so the owners' lists have rows."""
    for login, key, helpful, comment in VOTES:
        give_feedback(users[login], articles[key], helpful, comment)
    session, key, helpful = ANONYMOUS_VOTE
    give_feedback(None, articles[key], helpful, session_key=session)
    login, key, query = DEFLECTION
    record_deflection(users[login], articles[key], query)
    for query, language, times in SEARCH_MISSES:
        for _ in range(times):
            record_miss(query, language)


def create_knowledge() -> None:
    users = {user.username: user for user in User.objects.all()}
    categories = _create_categories(users)
    catalogue = _Catalogue()
    articles: dict[str, Article] = {}
    for doc in ARTICLES:
        original = articles[doc.translation_of] if doc.translation_of else None
        articles[doc.key] = _write(doc, users[doc.author], categories[doc.category], catalogue, original)
    _reader_traces(users, articles)
