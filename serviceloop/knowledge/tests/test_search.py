"""Search in Chinese and English, ranked, filtered, with marked snippets, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from serviceloop.core.errors import InvalidInput
from serviceloop.knowledge.services import (
    ArticleContent,
    SearchFilters,
    edit_article,
    fulltext_results,
    search_articles,
)

from .conftest import published, write


def _found(user, query: str, filters: SearchFilters | None = None, **options) -> list[str]:
    return [article.title for article in search_articles(user, query, filters, **options)]


@pytest.fixture
def library(world, category):
    return {
        "start": published(
            world,
            category,
            kind="known_problem",
            title="设备无法启动，报警 E01",
            symptom="按下启动按钮后设备无法启动，屏幕显示报警 E01。",
            cause="急停回路断开。",
            fix_steps="1. 检查急停按钮\n2. 复位报警",
            language="zh-hans",
            product_model_ids=[world.model_a.pk],
            module="Controller",
            fault_type_id=world.fault.pk,
        ),
        "noise": published(
            world,
            category,
            title="Spindle makes a grinding noise",
            body="A worn spindle bearing grinds at high speed; replace the bearing.",
            product_model_ids=[world.model_b.pk],
            module="Spindle",
            language="en",
        ),
        "coolant": published(
            world,
            category,
            title="Refilling the coolant tank",
            language="de",
            body="Check the coolant level every week.",
            kind="manual",
        ),
    }


def test_chinese_queries_find_chinese_articles(world, library):
    assert _found(world.agent, "设备无法启动") == ["设备无法启动，报警 E01"]
    assert _found(world.customer, "无法启动") == ["设备无法启动，报警 E01"]
    assert _found(world.agent, "急停按钮") == ["设备无法启动，报警 E01"]  # in the fix steps
    assert _found(world.agent, "设备漏油") == []


def test_english_queries_need_every_word(world, library):
    assert _found(world.agent, "grinding spindle") == ["Spindle makes a grinding noise"]
    assert _found(world.agent, "Bearing") == ["Spindle makes a grinding noise"]
    assert _found(world.agent, "spindle coolant") == []
    assert _found(world.agent, "") == [] and _found(world.agent, " ,.!? ") == []


def test_a_title_match_ranks_above_a_symptom_match_above_a_text_match(world, category, library):
    # Written title-first, so that the newest-first tie-break alone would put them the other way round.
    in_title = published(
        world, category, title="Hydraulic pressure drops", body="Check the pump.", language="fr"
    )
    in_symptom = published(
        world,
        category,
        kind="known_problem",
        title="Clamp opens by itself",
        language="es",
        symptom="The hydraulic clamp opens during the cut.",
        fix_steps="Replace the valve.",
    )
    in_text = published(
        world,
        category,
        title="Yearly maintenance",
        language="it",
        body="Change the oil filters, grease the slides and test the hydraulic unit.",
    )
    hits = fulltext_results(world.agent, "hydraulic")
    assert [hit.article.pk for hit in hits] == [in_title.pk, in_symptom.pk, in_text.pk]
    assert hits[0].rank > hits[1].rank > hits[2].rank


def test_filters_narrow_the_hits(world, category, library):
    both = published(
        world,
        category,
        title="Spindle error on the controller",
        body="Spindle stops.",
        kind="known_problem",
        symptom="Spindle alarm",
        fix_steps="Reset.",
        language="zh-hans",
        product_model_ids=[world.model_a.pk],
        module="Controller",
    )
    assert set(_found(world.agent, "spindle")) == {both.title, "Spindle makes a grinding noise"}
    assert _found(world.agent, "spindle", SearchFilters(product_model_id=world.model_a.pk)) == [both.title]
    assert _found(world.agent, "spindle", SearchFilters(module="controller")) == [both.title]
    assert _found(world.agent, "spindle", SearchFilters(kind="known_problem")) == [both.title]
    assert _found(world.agent, "spindle", SearchFilters(language="zh-CN")) == [both.title]
    assert _found(world.agent, "spindle", SearchFilters(language="en")) == ["Spindle makes a grinding noise"]
    assert _found(world.agent, "报警", SearchFilters(fault_type_id=world.fault.pk)) == [
        "设备无法启动，报警 E01"
    ]
    for bad, field in (
        ({"product_model_id": "x"}, "product_model_id"),
        ({"kind": "rumour"}, "kind"),
        ({"fault_type_id": 999999}, "fault_type_id"),
        ({"language": "!!"}, "language"),
    ):
        with pytest.raises(InvalidInput) as error:
            _found(world.agent, "spindle", SearchFilters(**bad))
        assert error.value.field == field


@pytest.mark.parametrize("query", ["HX-2000", "HX2000", "hx2000", "ＨＸ２０００", "hx2000 controller"])
def test_model_numbers_are_found_however_they_are_written(world, category, query):
    joined = published(world, category, title="HX2000 controller resets", body="The board reboots.")
    hyphen = published(
        world, category, title="Display of the HX-2000 flickers", body="Check the cable.", language="de"
    )
    spaced = published(world, category, title="HX 2000 fan is loud", body="Clean the filter.", language="fr")
    published(world, category, title="HX3000 manual", body="Chapter 2000 covers the fan.", language="es")
    found = _found(world.agent, query)
    expected = {joined.title} if "controller" in query else {joined.title, hyphen.title, spaced.title}
    assert set(found) == expected


def test_a_model_number_typed_apart_finds_it_written_together(world, category):
    joined = published(world, category, title="HX2000 controller resets", body="The board reboots.")
    assert _found(world.agent, "hx 2000") == [joined.title]


def test_model_codes_and_tags_of_an_article_are_searchable(world, category, library):
    assert _found(world.agent, "CL200") == ["设备无法启动，报警 E01"]  # its product model CL-200
    tagged = published(world, category, title="Belt", body="Tension.", tags="drive-belt, 皮带", language="fr")
    assert _found(world.agent, "皮带") == [tagged.title]


def test_snippets_mark_the_words_and_escape_the_text(world, category, library):
    assert fulltext_results(world.agent, "HX-2000 cable") == []
    published(world, category, title="Cabinet", body="Unplug the <b>HX-2000</b> cable & wait.", language="fr")
    [hit] = fulltext_results(world.agent, "HX2000 cable")
    assert "<mark>HX-2000</mark>" in hit.snippet and "<mark>cable</mark>" in hit.snippet
    assert "&amp; wait" in hit.snippet and "<b>" not in hit.snippet
    [chinese] = fulltext_results(world.agent, "无法启动")
    assert "<mark>无法</mark><mark>启动</mark>" in chinese.snippet  # from the symptom


def test_search_respects_visibility_and_status(world, category, library):
    published(
        world, category, title="Spindle internals", body="Spindle.", visibility="internal", language="fr"
    )
    write(category, world.agent, title="Spindle draft", body="Spindle.", visibility="public", language="es")
    assert set(_found(world.agent, "spindle")) == {"Spindle makes a grinding noise", "Spindle internals"}
    assert _found(AnonymousUser(), "spindle") == ["Spindle makes a grinding noise"]
    assert "Spindle draft" in _found(world.agent, "spindle", include_unpublished=True)
    assert "Spindle draft" not in _found(world.customer, "spindle", include_unpublished=True)


def test_the_index_follows_edits(world, category, library):
    article = library["coolant"]
    edit_article(world.manager, article, ArticleContent.of(title="Topping up the lubricant"))
    assert _found(world.agent, "lubricant") == ["Topping up the lubricant"]
    assert _found(world.agent, "tank") == []


def test_results_are_paged(world, category):
    for index, language in enumerate(("en", "de", "fr", "es", "it")):
        published(world, category, title=f"Pump note {index}", body="pump", language=language)
    first = fulltext_results(world.agent, "pump", limit=2)
    second = fulltext_results(world.agent, "pump", limit=2, offset=2)
    assert len(first) == 2 and len(second) == 2 and search_articles(world.agent, "pump").count() == 5
    assert not {h.article.pk for h in first} & {h.article.pk for h in second}
