"""The words an article is found by, in its three search columns (see knowledge/search_index.py)."""

from __future__ import annotations

import re

from django.db import transaction

from serviceloop.core.search import segment

from ..models import Article
from .stemming import stem

# A model number written without its hyphen ("hx2000") is also indexed as its letter and digit
# parts, right after it, so the phrase "hx 2000" is there too: "HX 2000", "HX-2000" and "HX2000" find
# one another, while "HX3000 ... 2000" is no phrase and stays apart.
_MIXED = re.compile(r"^(?=.*[a-z])(?=.*\d)[a-z0-9]+$")
_RUNS = re.compile(r"[a-z]+|\d+")


def alnum_parts(term: str) -> list[str]:
    """The letter and digit runs of a term that mixes both ("hx2000" -> ["hx", "2000"]), else []."""
    return _RUNS.findall(term) if _MIXED.match(term) else []


def _forms(word: str) -> tuple[str, ...]:
    stemmed = stem(word)
    return (word, *alnum_parts(word), *((stemmed,) if stemmed != word else ()))


def with_parts(text: str) -> str:
    """The segmented `text` with, after each word, its letter/digit parts and its English stem."""
    return " ".join(form for word in text.split() for form in _forms(word))


def search_columns(article: Article) -> dict[str, str]:
    """The segmented words of the title, of the symptom, and of everything else a reader may search by."""
    models = list(article.product_models.all()) if article.pk else []
    fault = article.fault_type
    rest = [
        article.body, article.cause, article.fix_steps, article.module, " ".join(article.tags or []),
        *(f"{model.code} {model.name}" for model in models),
        *((fault.name, fault.name_zh) if fault else ()),
    ]  # fmt: skip
    return {
        "search_title": with_parts(segment(article.title)),
        "search_symptom": with_parts(segment(article.symptom)),
        "search_document": with_parts(segment(*rest)),
    }


def refresh_search_columns(article: Article) -> None:
    """Write the search columns; the database's triggers or generated column update the index. The
    vector for semantic matching follows after the commit, in the background."""
    columns = search_columns(article)
    Article.objects.filter(pk=article.pk).update(**columns)
    for name, value in columns.items():
        setattr(article, name, value)
    article_id = article.pk

    def embed() -> None:
        from ..tasks import embed_article  # the tasks module imports the services

        embed_article(article_id)

    transaction.on_commit(embed)
