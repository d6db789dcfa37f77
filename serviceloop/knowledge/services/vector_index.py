"""Every article's vector in memory, so the articles nearest a query are found in a few milliseconds.

Each process keeps the vectors as stored (int8, 512 numbers each) and, beside them, a shortened copy:
the vectors projected onto 128 fixed random orthonormal directions, as floats. A query is scored
against the short copy first (a quarter of the arithmetic, and no conversion of 50,000 rows to floats
per query), the best SHORTLIST are scored again exactly, and those are ranked. Random projection keeps
dot products within about 0.1, far less than the gap between a shortlisted 4 % and the top hundreds.

The copy is brought up to date from the rows changed since it last looked (the newest change is one
indexed lookup per query). A vector deleted with its article leaves its row until the process next
reads everything; searches only ever show the articles the reader may read, so it is never shown.
"""

from __future__ import annotations

import threading
from datetime import datetime

import numpy as np
from django.db.models import Max, QuerySet

from ..models import ArticleVector

DIMENSIONS = 512
SCALE = 127.0  # a stored component is round(value * SCALE)
COARSE_DIMENSIONS = 128
SHORTLIST = 2000
_SEED = 20261123


def _projection() -> np.ndarray:
    gaussian = np.random.default_rng(_SEED).standard_normal((DIMENSIONS, COARSE_DIMENSIONS))
    orthonormal, _ = np.linalg.qr(gaussian)
    return orthonormal.astype(np.float32)


class VectorIndex:
    def __init__(self) -> None:
        self._projection = _projection()
        self._lock = threading.Lock()
        self._clear()
        self.newest: datetime | None = None

    def _clear(self) -> None:
        self.ids: list[int] = []
        self.position: dict[int, int] = {}
        self.rows = np.zeros((0, DIMENSIONS), dtype=np.int8)
        self.coarse = np.zeros((0, COARSE_DIMENSIONS), dtype=np.float32)

    def _short(self, rows: np.ndarray) -> np.ndarray:
        return (rows.astype(np.float32) / SCALE) @ self._projection

    def refresh(self) -> None:
        newest = ArticleVector.objects.aggregate(newest=Max("updated_at"))["newest"]
        with self._lock:
            if newest == self.newest:
                return
            if self.newest is not None:
                self._apply(ArticleVector.objects.filter(updated_at__gte=self.newest))
            if len(self.ids) != ArticleVector.objects.count():  # first look, or rows went: read all
                self._clear()
                self._apply(ArticleVector.objects.all())
            self.newest = newest

    def _apply(self, changed: QuerySet[ArticleVector]) -> None:
        new_ids: list[int] = []
        new_rows: list[np.ndarray] = []
        for article_id, raw in changed.values_list("article_id", "vector").iterator(chunk_size=5000):
            row = np.frombuffer(bytes(raw), dtype=np.int8)
            at = self.position.get(article_id)
            if at is None:
                self.position[article_id] = len(self.ids) + len(new_ids)
                new_ids.append(article_id)
                new_rows.append(row)
            else:
                self.rows[at] = row
                self.coarse[at] = self._short(row[None, :])[0]
        if new_ids:
            self.append(new_ids, np.stack(new_rows))

    def append(self, ids: list[int], rows: np.ndarray) -> None:
        """Add rows (int8, one per id) of articles not held yet."""
        self.ids.extend(ids)
        self.rows = np.vstack([self.rows, rows])
        self.coarse = np.vstack([self.coarse, self._short(rows)])

    def nearest(self, target: np.ndarray, limit: int) -> list[tuple[int, float]]:
        """(article id, cosine similarity) of the `limit` rows closest to the unit vector `target`."""
        with self._lock:
            ids, rows, coarse = self.ids, self.rows, self.coarse
        if not ids:
            return []
        shortlist = np.arange(len(ids))
        if len(ids) > SHORTLIST:
            rough = coarse @ (target.astype(np.float32) @ self._projection)
            shortlist = np.argpartition(-rough, SHORTLIST - 1)[:SHORTLIST]
        exact = (rows[shortlist].astype(np.float32) / SCALE) @ target.astype(np.float32)
        order = np.argsort(-exact)[:limit]
        return [(ids[shortlist[i]], float(exact[i])) for i in order]
