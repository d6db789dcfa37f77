"""What the console suggests beside a ticket: the articles that answer it, and solved tickets like it.

Articles: two rankings merged by reciprocal rank fusion, as in hybrid.py, but fed differently. The
words ranking uses the subject's key terms (every one of them, then the most specific one alone, the
one the fewest articles hold, when that finds too little; its matches read up to a bound before
they are ranked), because a customer's whole message seldom has every word of an article. The
meaning ranking embeds the subject and the start of the first customer message, so an English
ticket finds a Chinese article. Articles filed under the ticket's product model get a bonus (a
boost: the others still show). Each suggestion is then shown in the customer's language when the
article has a version in it that the reader may read.

Similar solved tickets: one SQL query. The visible resolved or closed tickets whose search document
holds any of the subject's key terms (one full-text query, its terms OR-ed), the most recently
received first and at most CANDIDATES of them; these are ranked in Python by how many key terms
their subject holds, plus a bonus for the same product model and the same fault type. Bounded work
whatever the size of the desk's history (the index is read in id order and stops at the limit);
no embedding is computed for tickets.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import nh3
from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from serviceloop.core import policy
from serviceloop.core.search import query_terms
from serviceloop.tickets.models import Message, Ticket
from serviceloop.tickets.models.ticket import Status

from ..models import LIVE_STATUSES, Article, Visibility
from .reading import language_rank
from .search import matching, ranked, readable
from .semantic import nearest
from .snippets import snippet
from .visibility import visible_articles

DEFAULT_LIMIT = 5
MAX_LIMIT = 20
# The usual reciprocal-rank-fusion constant (as in hybrid.py).
_K = 60
# How deep each article ranking is read before merging.
_DEPTH = 50
# Bonus of an article filed under the ticket's product model: half a first place in one ranking.
_MODEL_BONUS = 0.5 / (_K + 1)
# How much of the first customer message is embedded: its start says what the problem is.
_MESSAGE_CHARS = 400
# Key terms taken from a subject; the longest ones are the most specific.
_KEY_TERMS = 5
# How many articles holding one key term are read when every term together found too few: a term
# more articles hold than this says little about the ticket, and is ranked over this many only.
_POOL = 100
# Solved tickets read before ranking them in Python.
CANDIDATES = 100
SOLVED_STATUSES = (Status.RESOLVED, Status.CLOSED)
# What is read of a candidate: what it is ranked by and what the suggestions panel shows.
_CANDIDATE_FIELDS = (
    "id", "number", "subject", "status", "product_model", "fault_type", "resolved_at", "closed_at",
)  # fmt: skip
# Words that say nothing about the problem: left out of the key terms.
_STOP_WORDS = frozenset(
    {
        "the", "and", "for", "with", "from", "our", "your", "this", "that", "not", "does", "did", "has",
        "have", "had", "are", "was", "were", "will", "can", "cannot", "after", "before", "when", "while",
        "since", "into", "onto", "about", "make", "makes", "made", "please", "help", "issue", "problem",
        "machine", "again", "still", "very", "some", "any", "all", "its", "there", "their",
    }
)  # fmt: skip
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class ArticleSuggestion:
    article: Article  # in the customer's language when a readable version is in it
    score: float
    snippet: str  # escaped, the key terms marked
    customer_visible: bool  # public or for signed-in customers: may be linked in a reply


@dataclass
class SimilarTicket:
    ticket: Ticket
    score: float
    solved_at: datetime | None


def customer_language(ticket: Ticket) -> str:
    """The language the customer is answered in: the contact's, else their organisation's."""
    if ticket.contact_id and ticket.contact and ticket.contact.language:
        return ticket.contact.language
    return ticket.organisation.language if ticket.organisation_id else ""


def key_terms(text: str, limit: int = _KEY_TERMS) -> list[str]:
    """The words of `text` that say what it is about: no stop words, no one-letter words; the
    longest first (a Chinese word of two characters says as much as a long English one)."""
    terms = [
        t
        for t in query_terms(text, limit=40)
        if any(ch.isalnum() for ch in t) and t not in _STOP_WORDS and (len(t) >= 3 or _HAS_CJK.search(t))
    ]
    return sorted(terms, key=lambda t: -(len(t) * 3 if _HAS_CJK.search(t) else len(t)))[:limit]


def _first_customer_message(ticket: Ticket) -> str:
    """The first public reply on the ticket (what the customer first wrote), cut to its start."""
    first = (
        Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY)
        .order_by("created_at", "id")
        .values_list("body", flat=True)
        .first()
    )
    return " ".join((first or "").split())[:_MESSAGE_CHARS]


def _most_specific(articles: QuerySet, terms: list[str]) -> tuple[str, list[int]]:
    """The key term the fewest articles hold (but some: a term no article holds is why every term
    together found too little), with the ids of those articles.

    Each term's matches are read unranked and unordered, up to _POOL and then only up to the fewest
    found so far, so a common word costs little. Terms with a digit (model numbers, alarm codes) are
    read first, as they are the likeliest to be rare; on a tie the term read first wins, and the
    others come longest first."""
    best_term = ""
    best_ids: list[int] = []
    for term in sorted(terms, key=lambda t: not any(ch.isdigit() for ch in t)):
        ids = list(matching(articles, term).order_by().values_list("pk", flat=True)[: len(best_ids) or _POOL])
        if ids and (not best_ids or len(ids) < len(best_ids)):
            best_term, best_ids = term, ids
    return best_term, best_ids


def _by_words(articles: QuerySet, terms: list[str]) -> list[int]:
    """Articles holding every key term, then (when that is too few) those holding the most specific.

    The second search ranks only the articles _most_specific read: ranking every article holding a
    common word ("spindle" is in thousands) is what made it slow on PostgreSQL, where ts_rank reads
    each match's vector before the LIMIT applies."""
    if not terms:
        return []
    found = list(ranked(articles, " ".join(terms)).values_list("pk", flat=True)[:_DEPTH])
    if len(found) < DEFAULT_LIMIT and len(terms) > 1:
        term, pool = _most_specific(articles, terms)
        if pool:
            more = ranked(articles.filter(pk__in=pool), term).values_list("pk", flat=True)[:_DEPTH]
            found += [pk for pk in more if pk not in found]
    return found


def _fused(user: Any, ticket: Ticket, terms: list[str]) -> dict[int, float]:
    articles = readable(user)
    by_words = _by_words(articles, terms)
    meaning_query = f"{ticket.subject}\n{_first_customer_message(ticket)}".strip()
    close = nearest(meaning_query, limit=_DEPTH)
    allowed = set(articles.filter(pk__in=[pk for pk, _ in close]).values_list("pk", flat=True))
    by_meaning = [pk for pk, _ in close if pk in allowed]
    scores: dict[int, float] = {}
    for ranking in (by_words, by_meaning):
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (_K + rank)
    if ticket.product_model_id and scores:
        through = Article.product_models.through.objects
        for pk in through.filter(
            article_id__in=list(scores), productmodel_id=ticket.product_model_id
        ).values_list("article_id", flat=True):
            scores[pk] += _MODEL_BONUS
    return scores


def _in_language(user: Any, articles: list[Article], language: str) -> list[Article]:
    """Each article in `language` when a live version the user may read is in it (one query for all),
    one per translation group, in the given order."""
    groups = {a.translation_group for a in articles}
    versions: dict[Any, Article] = {}
    live = visible_articles(user).filter(translation_group__in=groups, status__in=LIVE_STATUSES)
    for version in live.select_related("category"):
        best = versions.get(version.translation_group)
        if best is None or language_rank(version.language, language) < language_rank(best.language, language):
            versions[version.translation_group] = version
    chosen: list[Article] = []
    seen: set[Any] = set()
    for article in articles:
        if article.translation_group in seen:
            continue
        seen.add(article.translation_group)
        better = versions.get(article.translation_group)
        keep = better if better and language_rank(better.language, language) < language_rank(
            article.language, language
        ) else article  # fmt: skip
        chosen.append(keep)
    return chosen


def suggest_for_ticket(user: Any, ticket: Ticket, limit: int = DEFAULT_LIMIT) -> list[ArticleSuggestion]:
    """The live articles `user` may read that best answer `ticket`, best first, each in the
    customer's language where a version is in it."""
    limit = max(1, min(int(limit or DEFAULT_LIMIT), MAX_LIMIT))
    terms = key_terms(ticket.subject)
    scores = _fused(user, ticket, terms)
    best = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[: limit * 2]
    found = Article.objects.select_related("category").in_bulk([pk for pk, _ in best])
    ordered = [found[pk] for pk, _ in best if pk in found]
    shown = _in_language(user, ordered, customer_language(ticket))[:limit]
    score_of = {found[pk].translation_group: score for pk, score in reversed(best) if pk in found}
    return [
        ArticleSuggestion(
            article=article,
            score=score_of.get(article.translation_group, 0.0),
            snippet=snippet(article, terms),
            customer_visible=article.visibility in (Visibility.PUBLIC, Visibility.CUSTOMERS),
        )
        for article in shown
    ]


def _fts5_any(terms: list[str]) -> str:
    """An FTS5 query for tickets holding any of `terms` (each term's own words all together)."""
    groups = []
    for term in terms:
        words = query_terms(term)
        if words:
            groups.append("(" + " ".join('"' + w.replace('"', '""') + '"' for w in words) + ")")
    return " OR ".join(groups)


def _solved_candidates(user: Any, ticket: Ticket, terms: list[str]) -> QuerySet:
    """The newest CANDIDATES visible solved tickets holding any key term, in one query.

    Newest means the most recently received (highest id), an order both databases can read without
    sorting every ticket that holds a common word (a million tickets hold "spindle" often enough):
    SQLite's FTS5 hands its matches by id, PostgreSQL walks the primary key backwards checking each
    row's vector (or, for rare words, sorts the few the GIN index finds). Either stops after
    CANDIDATES. Only the columns the ranking and the panel need are read, not the search document."""
    base = policy.visible_tickets(user, Ticket.objects.filter(status__in=SOLVED_STATUSES))
    base = base.exclude(pk=ticket.pk).only(*_CANDIDATE_FIELDS)
    if not terms:
        return base.none()
    if connection.vendor == "postgresql":
        tsquery = " || ".join("plainto_tsquery('simple', %s)" for _ in terms)
        matches = RawSQL(f"tickets_ticket.search_vector @@ ({tsquery})", terms, output_field=BooleanField())
        return base.filter(matches).order_by("-id")[:CANDIDATES]
    # A join with the FTS5 table ordered by its rowid, as knowledge search joins its own: FTS5 then
    # hands its matches newest first and SQLite stops at the limit (see the module's bench,
    # bench/kb_suggestions.py). QuerySet.extra is the only way Django joins a virtual table.
    match = _fts5_any(terms)
    if not match:
        return base.none()
    return base.extra(
        tables=["tickets_ticket_fts"],
        where=["tickets_ticket_fts.rowid = tickets_ticket.id", "tickets_ticket_fts MATCH %s"],
        params=[match],
        order_by=["-tickets_ticket_fts.rowid"],
    )[:CANDIDATES]


def similar_solved_tickets(user: Any, ticket: Ticket, limit: int = DEFAULT_LIMIT) -> list[SimilarTicket]:
    """Resolved or closed tickets `user` may see (never `ticket` itself) most like `ticket`, best first."""
    limit = max(1, min(int(limit or DEFAULT_LIMIT), MAX_LIMIT))
    terms = key_terms(ticket.subject)
    if not terms:
        return []
    results = []
    for other in _solved_candidates(user, ticket, terms):
        own = set(query_terms(other.subject, limit=40))
        score = float(sum(1 for term in terms if term in own)) or 0.5  # matched in its messages only
        if ticket.product_model_id and other.product_model_id == ticket.product_model_id:
            score += 1.0
        if ticket.fault_type_id and other.fault_type_id == ticket.fault_type_id:
            score += 0.5
        results.append(
            SimilarTicket(ticket=other, score=score, solved_at=other.resolved_at or other.closed_at)
        )
    results.sort(key=lambda s: (-s.score, -(s.solved_at.timestamp() if s.solved_at else 0), -s.ticket.pk))
    return results[:limit]


def reply_steps(article: Article) -> str:
    """What "insert steps" puts into a reply: the fix steps (else the text) as plain text.

    The Markdown source is kept (its "1." and "-" read well in a mail) with any HTML in it removed;
    a reply is stored as text and escaped where it is shown."""
    source = (article.fix_steps or article.body or article.symptom or "").strip()
    return html.unescape(nh3.clean(source, tags=set())).strip()
