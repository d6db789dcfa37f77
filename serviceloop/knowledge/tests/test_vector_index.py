"""The in-memory vector index: the shortlist by projected vectors finds what an exact scan finds."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from serviceloop.knowledge.services.vector_index import DIMENSIONS, SCALE, SHORTLIST, VectorIndex


def _unit(rng: np.random.Generator, count: int) -> np.ndarray:
    vectors = rng.standard_normal((count, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _stored(vectors: np.ndarray) -> np.ndarray:
    return np.clip(np.round(vectors * SCALE), -127, 127).astype(np.int8)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_shortlist_keeps_the_exact_top_ten(seed):
    rng = np.random.default_rng(seed)
    count = SHORTLIST * 3
    # Clusters, as real articles on a few machines are: near neighbours are the hard case.
    centres = _unit(rng, 20)
    vectors = centres[rng.integers(0, 20, count)] + 0.6 * _unit(rng, count)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = VectorIndex()
    index.append(list(range(1000, 1000 + count)), _stored(vectors))
    query = vectors[7] + 0.3 * _unit(rng, 1)[0]
    query /= np.linalg.norm(query)
    exact = (_stored(vectors).astype(np.float32) / SCALE) @ query
    expected = [1000 + i for i in np.argsort(-exact)[:10]]
    found = index.nearest(query, 10)
    assert [pk for pk, _ in found] == expected
    assert [round(score, 5) for _, score in found] == [round(float(exact[pk - 1000]), 5) for pk in expected]


def test_an_empty_index_finds_nothing():
    assert VectorIndex().nearest(np.ones(DIMENSIONS, dtype=np.float32) / DIMENSIONS**0.5, 5) == []
