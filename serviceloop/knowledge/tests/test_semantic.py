"""Semantic matching with the multilingual sentence encoder, and its fusion with full text."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from serviceloop.knowledge.models import ArticleVector
from serviceloop.knowledge.services import ArticleContent, edit_article, search_results, semantic
from serviceloop.knowledge.services.semantic import index_vector, nearest

from .conftest import published


@pytest.fixture
def library(world, category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _write_library(world, category)


def _write_library(world, category):
    return {
        "start": published(world, category, kind="known_problem", title="设备无法启动", language="zh-hans",
                           symptom="按下启动按钮后设备没有任何反应。", fix_steps="检查急停按钮并复位。"),
        "leak": published(world, category, title="Hydraulic oil leaking from the chuck cylinder",
                          body="Replace the cylinder seals and check the pressure."),
        "alarm": published(world, category, title="Clearing alarm 2041 on the HX-2000 control",
                           body="Press RESET twice, then cycle the power."),
        "internal": published(world, category, title="Machine does not power up: internal wiring notes",
                              visibility="internal", body="Check fuse F3 behind the panel."),
    }  # fmt: skip


def _titles(hits) -> list[str]:
    return [hit.article.title for hit in hits]


def test_every_published_article_has_a_vector(library):
    assert set(ArticleVector.objects.values_list("article_id", flat=True)) == {a.pk for a in library.values()}


def test_a_question_in_english_finds_the_chinese_article(library):
    found = [pk for pk, _ in nearest("the machine will not start")]
    assert found[0] in (library["start"].pk, library["internal"].pk)
    assert library["start"].pk in found[:2] and library["leak"].pk not in found[:2]


def test_unrelated_words_match_nothing(library):
    assert nearest("quarterly invoice for the canteen") == []


def test_unchanged_text_is_not_embedded_again_and_an_edit_is(
    world, library, django_capture_on_commit_callbacks
):
    article = library["leak"]
    assert index_vector(article) is False
    before = bytes(ArticleVector.objects.get(article=article).vector)
    with django_capture_on_commit_callbacks(execute=True):
        edit_article(world.manager, article, ArticleContent.of(title="Coolant pump makes a whining noise",
                                                          body="Bleed the pump."), note="")  # fmt: skip
    after = bytes(ArticleVector.objects.get(article=article).vector)
    assert after != before
    assert library["leak"].pk == nearest("pump whining")[0][0]  # the matrix saw the change


def test_search_merges_words_and_meaning_and_keeps_visibility(world, library):
    customer_hits = _titles(search_results(world.customer, "machine will not start"))
    assert customer_hits[0] == "设备无法启动"
    assert "Machine does not power up: internal wiring notes" not in customer_hits  # internal stays hidden
    staff_hits = _titles(search_results(world.agent, "machine will not start"))
    assert "Machine does not power up: internal wiring notes" in staff_hits[:2]
    # A model number is found by its words even when the meaning is far off.
    assert (
        _titles(search_results(AnonymousUser(), "HX2000"))[0] == "Clearing alarm 2041 on the HX-2000 control"
    )


def test_switched_off_it_is_full_text_only(settings, library):
    settings.KNOWLEDGE_SEMANTIC = False
    assert nearest("the machine will not start") == []
    assert _titles(search_results(AnonymousUser(), "machine will not start")) == []
    assert semantic.enabled() is False
