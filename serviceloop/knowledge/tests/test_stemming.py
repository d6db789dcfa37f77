"""English word forms meet at one stem; other words pass through untouched."""

from __future__ import annotations

import pytest

from serviceloop.knowledge.services import fulltext_results, search_articles
from serviceloop.knowledge.services.stemming import stem

from .conftest import published


@pytest.mark.parametrize(
    "forms",
    [
        ("reset", "resets", "resetting"),
        ("start", "starts", "started", "starting"),
        ("replace", "replaces", "replaced", "replacing"),
        ("stop", "stops", "stopped", "stopping"),
        ("battery", "batteries"),
        ("switch", "switches"),
        ("leak", "leaks", "leaked", "leaking"),
    ],
)
def test_forms_of_a_word_share_a_stem(forms):
    assert len({stem(form) for form in forms}) == 1, [stem(form) for form in forms]


@pytest.mark.parametrize("word", ["status", "glass", "spring", "hx2000", "设备", "e01", "run", "install"])
def test_other_words_are_kept(word):
    assert stem(word) == word


def test_a_query_finds_other_forms_of_its_words(world, category):
    article = published(world, category, title="Controller resets when the spindle starts", body="Check it.")
    for query in ("controller reset", "resetting", "starting spindles", "RESETS"):
        assert [a.pk for a in search_articles(world.agent, query)] == [article.pk], query
    [hit] = fulltext_results(world.agent, "reset spindle")
    assert hit.snippet == "Check it."  # no word of the query in the text: its start is shown
    published(world, category, title="Pumps", body="The pump stopped after the resets.", language="de")
    [hit] = fulltext_results(world.agent, "stopping pump")
    assert "<mark>stopped</mark>" in hit.snippet and "<mark>pump</mark>" in hit.snippet
