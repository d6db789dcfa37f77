"""Knowledge base search quality: `python -m bench.kb_quality [--mode fulltext|hybrid|both]` (issue 6).

Loads the labelled corpus of bench/kb_quality_data.py (about sixty articles, half Chinese, half English)
through the knowledge services (create, submit, publish; public, so an anonymous visitor reads them),
embeds them for semantic matching when the installed code has it, then asks every labelled query as an
anonymous visitor and reports where the right article ranked: top-1 and top-3 shares (goal: top 3 for
at least 90 %), mean reciprocal rank, split by the query's language and for questions asked in the other
language than the article's, the search times, and every query whose article missed the top 3.

With semantic matching (modes hybrid and both) it also shows the semantic ranking alone with no
similarity floor, and how many right articles fall below the floor the hybrid applies;
`--semantic-floor 0.2` reruns the hybrid with another floor, for this run only.

Runs on the database that DATABASE_URL (or --database-url) names, else on the SQLite file in
SERVICELOOP_VAR_DIR, after `migrate`; it refuses any database whose name or path lacks "bench", since it
replaces the articles of its own category on each run:

    SERVICELOOP_VAR_DIR=var/bench-kb python -m bench.kb_quality --mode both

Nothing here asserts: the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .kb_quality_data import ARTICLES, Doc, Query
from .kb_quality_queries import QUERIES
from .run import percentile

GOAL_TOP3 = 0.90
DEPTH = 10  # hits read per query: an article below this counts as not found (reciprocal rank 0)
CATEGORY = "Benchmark: search quality"
WRITER = "bench-kb-writer"


@dataclass
class Outcome:
    query: Query
    rank: int | None  # 1-based place of the right article among the first DEPTH hits
    first: str  # key of the article ranked first ("article <id>" if not the bench's), "" when none
    cross: bool  # asked in the other language than the article's
    ms: float


def setup(database_url: str | None) -> None:
    """Point Django at the bench's database, refuse any other, and migrate it."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "serviceloop.settings", "HUEY_IMMEDIATE": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend", "LOG_LEVEL": "WARNING",
    })  # fmt: skip
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    name = str(settings.DATABASES["default"]["NAME"])
    if "bench" not in name.lower():
        raise SystemExit(
            f"Refusing to run on {name!r}: this benchmark replaces articles, so it needs a database of its "
            "own whose name or path contains 'bench' (e.g. SERVICELOOP_VAR_DIR=var/bench-kb)."
        )
    call_command("migrate", verbosity=0, interactive=False)
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} {name}")


def semantic_module() -> Any | None:
    """knowledge.services.semantic if it is installed and its table exists, else None (with the reason)."""
    from django.db import connection

    try:
        semantic = importlib.import_module("serviceloop.knowledge.services.semantic")
        from serviceloop.knowledge.models.vector import ArticleVector
    except ImportError as exc:
        print(f"semantic matching unavailable ({exc}): full text only")
        return None
    if ArticleVector._meta.db_table not in connection.introspection.table_names():
        print(f"semantic matching unavailable (no table {ArticleVector._meta.db_table}: its migration is "
              "missing): full text only")  # fmt: skip
        return None
    return semantic


def hybrid_module() -> Any | None:
    try:
        hybrid = importlib.import_module("serviceloop.knowledge.services.hybrid")
        hybrid.search_results  # noqa: B018 (the module may exist before its search does)
        return hybrid
    except (ImportError, AttributeError) as exc:
        print(f"hybrid search unavailable ({exc}): full text only")
        return None


def _content(doc: Doc, category_id: int) -> Any:
    from serviceloop.knowledge.services import ArticleContent

    fields = {
        name: getattr(doc, name) for name in ("title", "symptom", "cause", "fix_steps", "body", "module")
    }
    return ArticleContent.of(
        kind=doc.kind, category_id=category_id, language=doc.language, visibility="public",
        tags=list(doc.tags), **{name: value for name, value in fields.items() if value},
    )  # fmt: skip


def load_articles() -> dict[int, str]:
    """The corpus, created, submitted and published anew; returns article id -> key."""
    from django.test import override_settings

    from serviceloop.accounts.models import User
    from serviceloop.core.roles import Role
    from serviceloop.knowledge.models import Article, KnowledgeCategory
    from serviceloop.knowledge.services import create_article, move

    if not User.objects.filter(username=WRITER).exists():
        # bulk_create sends no post_save: the staff roster's caches have nothing to learn from this user.
        User.objects.bulk_create([User(username=WRITER, role=Role.MANAGER)])
    writer = User.objects.get(username=WRITER)
    category, _ = KnowledgeCategory.objects.get_or_create(name=CATEGORY, defaults={"owner": writer})
    Article.objects.filter(category=category).delete()
    others = Article.objects.exclude(category=category).count()
    if others:
        print(f"note: {others} other articles in this database take part in the ranking")
    keys: dict[int, str] = {}
    start = time.perf_counter()
    # Vectors are computed below, explicitly and timed, not by the task each save schedules.
    with override_settings(KNOWLEDGE_SEMANTIC=False):
        for doc in ARTICLES:
            article = create_article(writer, _content(doc, category.pk))
            move(writer, move(writer, article, "submit"), "publish")
            keys[article.pk] = doc.key
    elapsed = time.perf_counter() - start
    print(f"{len(keys)} articles created and published in {elapsed:.1f} s")
    return keys


def index_vectors(semantic: Any, ids: list[int]) -> None:
    from serviceloop.knowledge.models import Article

    start = time.perf_counter()
    written = sum(bool(semantic.index_vector(article)) for article in Article.objects.filter(pk__in=ids))
    print(f"{written} article vectors computed in {time.perf_counter() - start:.1f} s")


def hits_of(search: Callable[..., list[Any]]) -> Callable[[str], list[int]]:
    """Article ids a search service returns to an anonymous visitor, best first."""
    from django.contrib.auth.models import AnonymousUser

    visitor = AnonymousUser()
    return lambda text: [hit.article.pk for hit in search(visitor, text, limit=DEPTH)]


def meaning_alone(semantic: Any) -> Callable[[str], list[int]]:
    """The semantic ranking on its own, with no similarity floor (all bench articles are public)."""
    return lambda text: [pk for pk, _ in semantic.nearest(text, limit=DEPTH, threshold=-1.0)]


def evaluate(ranking: Callable[[str], list[int]], keys: dict[int, str]) -> list[Outcome]:
    language_of = {doc.key: doc.language for doc in ARTICLES}
    ranking(QUERIES[0].text)  # warm-up: the first call loads the encoder and fills the caches
    outcomes = []
    for query in QUERIES:
        start = time.perf_counter()
        found = [keys.get(pk, f"article {pk}") for pk in ranking(query.text)]
        ms = (time.perf_counter() - start) * 1000
        rank = found.index(query.key) + 1 if query.key in found else None
        cross = (query.language == "zh") != language_of[query.key].startswith("zh")
        outcomes.append(Outcome(query, rank, found[0] if found else "", cross, ms))
    return outcomes


def floor_report(semantic: Any, keys: dict[int, str], floor: float) -> None:
    """How often the right article's similarity to the query falls below the floor the hybrid applies."""
    ids = {key: pk for pk, key in keys.items()}
    similarity = []
    for query in QUERIES:
        scores = dict(semantic.nearest(query.text, limit=len(keys), threshold=-1.0))
        similarity.append(scores.get(ids[query.key], -1.0))
    below = sum(s < floor for s in similarity)
    print(f"  right article's cosine similarity: median {statistics.median(similarity):.2f}, "
          f"p10 {percentile(similarity, 10):.2f}; below the floor {floor:g} for {below} of {len(QUERIES)} "
          "queries (those the hybrid can find by their words only)")  # fmt: skip


def _figures(name: str, outcomes: list[Outcome]) -> str:
    if not outcomes:
        return f"  {name:<24} (no queries)"
    n = len(outcomes)
    top1 = sum(o.rank == 1 for o in outcomes) / n
    top3 = sum(o.rank is not None and o.rank <= 3 for o in outcomes) / n
    mrr = sum(1 / o.rank for o in outcomes if o.rank) / n
    none = sum(o.rank is None for o in outcomes)
    return (f"  {name:<24} {n:>4} queries  top-1 {top1:6.1%}  top-3 {top3:6.1%}  MRR {mrr:.3f}  "
            f"not in first {DEPTH}: {none}")  # fmt: skip


def report(mode: str, outcomes: list[Outcome], show_misses: bool = True) -> float:
    """Print the figures and the misses; returns the top-3 share."""
    print(f"\n== {mode} ==")
    print(_figures("all", outcomes))
    print(_figures("Chinese queries", [o for o in outcomes if o.query.language == "zh"]))
    print(_figures("English queries", [o for o in outcomes if o.query.language == "en"]))
    print(_figures("same language", [o for o in outcomes if not o.cross]))
    print(_figures("cross-language", [o for o in outcomes if o.cross]))
    times = [o.ms for o in outcomes]
    print(f"  search time: p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
          f"max {max(times):.1f} ms")  # fmt: skip
    top3 = sum(o.rank is not None and o.rank <= 3 for o in outcomes) / len(outcomes)
    verdict = "met" if top3 >= GOAL_TOP3 else "MISSED"
    print(f"  top-3 share {top3:.1%} (goal >= {GOAL_TOP3:.0%}: {verdict})")
    misses = [o for o in outcomes if o.rank is None or o.rank > 3] if show_misses else []
    if misses:
        print(f"  misses ({len(misses)}): query [lang] -> right article (its rank) | ranked first")
    for o in misses:
        place = f"#{o.rank}" if o.rank else "not found"
        cross = ", cross" if o.cross else ""
        print(f"    {o.query.text!r} [{o.query.language}{cross}] -> {o.query.key} ({place}) | "
              f"{o.first or '(no result)'}")  # fmt: skip
    return top3


def _hybrid_rankings(semantic: Any, hybrid: Any, keys: dict[int, str],
                     floor: float | None) -> dict[str, Callable[[str], list[int]]]:  # fmt: skip
    index_vectors(semantic, list(keys))
    default = inspect.signature(semantic.nearest).parameters.get("threshold")
    in_force = default.default if default is not None else None
    if floor is not None:
        # An experiment: the hybrid module's `nearest`, for this run only, with another floor.
        if not hasattr(hybrid, "nearest"):
            raise SystemExit(
                "--semantic-floor: the hybrid module no longer calls `nearest`; update the bench"
            )
        original = semantic.nearest
        hybrid.nearest = lambda text, limit=200, threshold=floor: original(text, limit, threshold)
        in_force = floor
    if isinstance(in_force, float):
        floor_report(semantic, keys, in_force)
    return {
        f"hybrid (full text + semantic, similarity floor {in_force})": hits_of(hybrid.search_results),
        "semantic alone, no floor (diagnostic)": meaning_alone(semantic),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["fulltext", "hybrid", "both"], default="both")
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL, else SQLite in "
                        "SERVICELOOP_VAR_DIR; its name or path must contain 'bench'")  # fmt: skip
    parser.add_argument("--semantic-floor", type=float, default=None,
                        help="try the hybrid with this cosine similarity floor instead of the one in "
                        "semantic.nearest (an experiment: nothing is changed outside this run)")  # fmt: skip
    args = parser.parse_args(argv)
    setup(args.database_url)
    from serviceloop.knowledge.services import fulltext_results

    language_of = {doc.key: doc.language for doc in ARTICLES}
    cross = sum((q.language == "zh") != language_of[q.key].startswith("zh") for q in QUERIES)
    print(f"corpus: {len(ARTICLES)} articles, {len(QUERIES)} labelled queries ({cross} cross-language)")
    keys = load_articles()
    rankings: dict[str, Callable[[str], list[int]]] = {}
    semantic = semantic_module() if args.mode != "fulltext" else None
    hybrid = hybrid_module() if semantic is not None else None
    if args.mode != "hybrid" or hybrid is None:
        rankings["full text"] = hits_of(fulltext_results)
    if semantic is not None and hybrid is not None:
        rankings.update(_hybrid_rankings(semantic, hybrid, keys, args.semantic_floor))
    for name, ranking in rankings.items():
        report(name, evaluate(ranking, keys), show_misses="diagnostic" not in name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
