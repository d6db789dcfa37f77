"""Knowledge base speed at scale: `python -m bench.kb_speed [--articles 50000]` (issue 6).

1. Fills the bench's own database (same rules as bench.kb_quality: its name or path must contain
   "bench") with --articles published articles, half Chinese, half English, made from the labelled
   corpus of bench/kb_quality_data.py: each a corpus article with its own model number, module and
   sentences of two other articles mixed in, so no two are alike; a tenth internal, a tenth for
   customers only. Their search columns are computed by the knowledge services' own code; their
   vectors are the corpus article's, moved by noise (the speed of the search does not depend on what
   the vectors say, and embedding 50,000 texts would take the benchmark an hour).
2. Times, over the corpus's labelled queries, the search readers use (words and meaning) as an
   anonymous visitor and as staff, and words alone; then writing one article through the services
   (search columns included) and embedding one article (the background task's work).

Targets: search p95 <= 50 ms; indexing an article <= 20 ms. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from .kb_quality import CATEGORY, WRITER, _content, setup
from .kb_quality_data import ARTICLES
from .kb_quality_queries import QUERIES
from .run import percentile, timed

BATCH = 2000


def _line(name: str, samples: list[float], target: float) -> str:
    met = "met" if percentile(samples, 95) <= target else "MISSED"
    verdict = f" (target <= {target:g} ms: {met})"
    return (f"{name}: p50 {percentile(samples, 50):.1f} ms, p95 {percentile(samples, 95):.1f} ms, "
            f"max {max(samples):.1f} ms over {len(samples)}{verdict}")  # fmt: skip


def _writer_and_category() -> tuple[Any, Any]:
    from serviceloop.accounts.models import User
    from serviceloop.core.roles import Role
    from serviceloop.knowledge.models import KnowledgeCategory

    if not User.objects.filter(username=WRITER).exists():
        User.objects.bulk_create([User(username=WRITER, role=Role.MANAGER)])
    writer = User.objects.get(username=WRITER)
    category, _ = KnowledgeCategory.objects.get_or_create(name=CATEGORY, defaults={"owner": writer})
    return writer, category


def _article(rng: random.Random, index: int, writer: Any, category: Any) -> Any:
    from django.utils import timezone

    from serviceloop.knowledge.models import Article, ArticleStatus
    from serviceloop.knowledge.services.indexing import search_columns

    doc = ARTICLES[index % len(ARTICLES)]
    others = rng.sample(ARTICLES, 2)
    model = f"{rng.choice(['CL', 'LC', 'IM', 'HX', 'PR'])}-{rng.randint(100, 9999)}"
    extra = " ".join(o.symptom or o.body[:160] for o in others)
    visibility = rng.choices(["public", "customers", "internal"], weights=[8, 1, 1])[0]
    now = timezone.now()
    article = Article(
        kind=doc.kind, title=f"{doc.title} ({model})", symptom=doc.symptom, cause=doc.cause,
        fix_steps=doc.fix_steps, body=f"{doc.body}\n\n{extra}", module=doc.module or "", tags=list(doc.tags),
        category=category, language=doc.language, translation_group=uuid.uuid4(), visibility=visibility,
        status=ArticleStatus.PUBLISHED, author=writer, published_at=now, created_at=now, updated_at=now,
    )  # fmt: skip
    for name, value in search_columns(article).items():
        setattr(article, name, value)
    return article


def generate(count: int, semantic: Any) -> None:
    import numpy as np

    from serviceloop.knowledge.models import Article, ArticleVector

    writer, category = _writer_and_category()
    have = Article.objects.filter(category=category).count()
    if have >= count:
        print(f"{have} articles already there")
        return
    rng = random.Random(count)
    corpus = semantic.embed([f"{d.title}\n{d.symptom or d.body}" for d in ARTICLES]) if semantic else None
    start = time.perf_counter()
    for first in range(have, count, BATCH):
        rows = [_article(rng, i, writer, category) for i in range(first, min(count, first + BATCH))]
        made = Article.objects.bulk_create(rows)
        if corpus is not None:
            vectors = []
            for i, article in enumerate(made, start=first):
                v = corpus[i % len(ARTICLES)] + np.random.default_rng(i).normal(0, 0.03, semantic.DIMENSIONS)
                v = v / np.linalg.norm(v)
                vectors.append(ArticleVector(article=article, vector=semantic._quantise(v), source="bench"))
            ArticleVector.objects.bulk_create(vectors)
        print(f"  {min(count, first + BATCH)} articles ({time.perf_counter() - start:.0f} s)", flush=True)


def measure(semantic: Any) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.test import override_settings

    from serviceloop.accounts.models import User
    from serviceloop.knowledge.services import create_article, fulltext_results, search_results

    staff = User.objects.get(username=WRITER)
    queries = [q.text for q in QUERIES]
    visitor = AnonymousUser()
    cycle = iter(queries * 100)
    rounds = len(queries)
    searches: list[tuple[str, Callable[..., Any], Any]] = [
        ("search, words and meaning, anonymous", search_results, visitor),
        ("search, words and meaning, staff", search_results, staff),
        ("search, words only, anonymous", fulltext_results, visitor),
    ]
    for name, search, user in searches:
        print(_line(name, timed(partial(lambda s, u: s(u, next(cycle)), search, user), rounds), 50))
    _, category = _writer_and_category()
    docs = iter(ARTICLES * 10)
    # The vector is the background task's work, timed below: switched off here.
    with override_settings(KNOWLEDGE_SEMANTIC=False):
        writing = timed(lambda: create_article(staff, _content(next(docs), category.pk)), 30)
    print(_line("writing an article (services, search columns)", writing, 20))
    if semantic is not None:
        from serviceloop.knowledge.models import Article

        recent = iter(Article.objects.filter(category=category).order_by("-pk")[:40])
        embedding = timed(lambda: semantic.index_vector(next(recent)), 30)
        print(_line("embedding an article (background task)", embedding, 20))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    setup(args.database_url)
    from .kb_quality import semantic_module

    semantic = semantic_module()
    generate(args.articles, semantic)
    from django.db import connection

    with connection.cursor() as cursor:  # as the nightly statistics task does (core/maintenance.py)
        cursor.execute("ANALYZE")
    measure(semantic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
