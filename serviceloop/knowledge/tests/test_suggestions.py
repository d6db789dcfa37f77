"""Articles and solved tickets suggested beside a ticket: ranking, languages, visibility."""

from __future__ import annotations

import pytest
from django.utils import timezone

from serviceloop.knowledge.services import ArticleContent, create_article
from serviceloop.knowledge.services import suggestions as service
from serviceloop.knowledge.services.suggestions import (
    key_terms,
    reply_steps,
    similar_solved_tickets,
    suggest_for_ticket,
)
from serviceloop.tickets.models import Ticket

from .conftest import publish, published


@pytest.fixture
def library(world, category, django_capture_on_commit_callbacks):
    # Vectors are written after the commit: run those callbacks so semantic search sees the articles.
    with django_capture_on_commit_callbacks(execute=True):
        return {
            "spindle": published(world, category, kind="known_problem",
                                 title="Spindle bearing grinding noise at high speed",
                                 symptom="The spindle grinds or rumbles above 2500 rpm.",
                                 fix_steps="1. Stop the spindle.\n2. Replace the front bearing <b>set</b>."),
            "leak": published(world, category, title="Hydraulic oil leaking from the chuck cylinder",
                              body="Replace the cylinder seals and check the pressure."),
            "alarm": published(world, category, title="Clearing alarm 2041 on the HX-2000 control",
                               body="Press RESET twice, then cycle the power."),
            "start": published(world, category, kind="known_problem", title="设备无法启动",
                               language="zh-hans", symptom="按下启动按钮后设备没有任何反应。",
                               fix_steps="检查急停按钮并复位。"),
            "internal": published(world, category, title="Spindle noise: internal measurement notes",
                                  visibility="internal", body="Measure the spindle vibration with probe 7."),
            "partner_a_doc": published(world, category, title="Hydra service bulletin 12",
                                       visibility="partner", supplier_id=world.partner_a.pk,
                                       body="Grinding spindle noise on Hydra lathes: regrease."),
            "partner_b_doc": published(world, category, title="Spark service bulletin 7",
                                       visibility="partner", supplier_id=world.partner_b.pk,
                                       body="Grinding spindle noise on Spark drives: check the encoder."),
        }  # fmt: skip


def _titles(found) -> list[str]:
    return [s.article.title for s in found]


def test_the_article_about_the_tickets_problem_comes_first(world, library):
    ticket = world.ticket()  # "Spindle makes a grinding noise"
    found = suggest_for_ticket(world.agent, ticket)
    assert found[0].article == library["spindle"]
    assert library["leak"].title not in _titles(found[:3])
    assert "<mark>" in found[0].snippet


def test_an_english_ticket_finds_the_chinese_article_by_meaning(world, library):
    ticket = world.ticket(subject="The machine will not start",
                          body="When we press the start button nothing happens at all.")  # fmt: skip
    found = suggest_for_ticket(world.agent, ticket)
    assert library["start"] in [s.article for s in found[:2]]


def test_the_customers_language_version_is_shown(
    world, category, library, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        chinese = create_article(world.agent, ArticleContent.of(
            title="主轴轴承高速运转时发出研磨噪音", symptom="主轴转速超过2500时发出研磨声。",
            fix_steps="1. 停止主轴。\n2. 更换前轴承。", category_id=category.pk, kind="known_problem",
            visibility="public", language="zh-hans",
        ), translation_of=library["spindle"])  # fmt: skip
        publish(chinese, world.agent, world.manager)
    english_customer = world.ticket()
    chinese_customer = world.ticket(organisation_id=world.other_org.pk, contact_id=None,
                                    machine_id=world.other_machine.pk)  # fmt: skip
    assert suggest_for_ticket(world.agent, english_customer)[0].article == library["spindle"]
    found = suggest_for_ticket(world.agent, chinese_customer)
    assert found[0].article == chinese
    # One suggestion per article, whatever the number of its language versions.
    groups = [s.article.translation_group for s in found]
    assert len(groups) == len(set(groups))
    assert "更换前轴承" in reply_steps(found[0].article)


def test_articles_of_the_tickets_product_model_are_boosted_not_required(
    world, category, library, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for_model = published(world, category, kind="known_problem", title="Grinding noise from the spindle",
                              symptom="The spindle grinds at high speed.",
                              product_model_ids=[world.model_b.pk],
                              fix_steps="Check the drive belt of the CL-300.")  # fmt: skip
    on_model_b = world.ticket(machine_id=world.machine_b.pk)
    on_model_a = world.ticket(machine_id=world.machine_a.pk)  # the same words, another model
    found_b = {s.article: s.score for s in suggest_for_ticket(world.agent, on_model_b)}
    found_a = {s.article: s.score for s in suggest_for_ticket(world.agent, on_model_a)}
    assert next(iter(found_b)) == for_model
    assert for_model in found_a  # another model's ticket is still offered it
    assert found_b[for_model] == pytest.approx(found_a[for_model] + service._MODEL_BONUS)
    assert found_b[library["spindle"]] == pytest.approx(found_a[library["spindle"]])  # filed under no model


def test_staff_see_internal_articles_marked_not_for_customers(world, library):
    found = suggest_for_ticket(world.agent, world.ticket(), limit=10)
    by_article = {s.article: s for s in found}
    assert library["internal"] in by_article
    assert by_article[library["internal"]].customer_visible is False
    assert by_article[library["spindle"]].customer_visible is True


def test_a_partner_sees_only_what_it_may_read(world, library):
    ticket = world.ticket()  # on machine_a, a model partner A stands behind
    found = [s.article for s in suggest_for_ticket(world.partner_a_tech, ticket, limit=10)]
    assert library["spindle"] in found and library["partner_a_doc"] in found
    assert library["internal"] not in found and library["partner_b_doc"] not in found


def _solve(ticket: Ticket, status: str = "resolved") -> Ticket:
    now = timezone.now()
    Ticket.objects.filter(pk=ticket.pk).update(status=status, resolved_at=now)
    ticket.refresh_from_db()
    return ticket


def test_similar_solved_tickets_leave_out_open_ones_and_the_ticket_itself(world):
    solved = _solve(world.ticket(subject="Grinding noise from the spindle at 4000 rpm"))
    closed = _solve(world.ticket(subject="Spindle grinding after the oil change"), status="closed")
    _solve(world.ticket(subject="Coolant pump does not run", body="The pump is silent."))
    still_open = world.ticket(subject="Spindle grinding noise again")
    ticket = _solve(world.ticket())  # itself solved: still never its own suggestion
    found = [s.ticket for s in similar_solved_tickets(world.agent, ticket)]
    assert set(found) == {solved, closed}
    assert still_open not in found and ticket not in found
    assert found[0] == solved  # its subject holds more of the key terms
    assert all(s.solved_at is not None for s in similar_solved_tickets(world.agent, ticket))


def test_a_partner_is_shown_only_its_own_products_solved_tickets(world):
    mine = _solve(world.ticket(subject="Spindle grinding noise", machine_id=world.machine_a.pk))
    theirs = _solve(world.ticket(subject="Spindle grinding noise", machine_id=world.machine_b.pk))
    ticket = world.ticket(machine_id=world.machine_a.pk)
    partner_found = [s.ticket for s in similar_solved_tickets(world.partner_a_tech, ticket)]
    assert partner_found == [mine]
    assert theirs in [s.ticket for s in similar_solved_tickets(world.agent, ticket)]


def test_same_product_model_ranks_a_solved_ticket_higher(world):
    other_model = _solve(world.ticket(subject="Spindle grinding noise", machine_id=world.machine_b.pk))
    same_model = _solve(world.ticket(subject="Spindle grinding noise", machine_id=world.machine_a.pk))
    found = [s.ticket for s in similar_solved_tickets(world.agent, world.ticket())]
    assert found[:2] == [same_model, other_model]


def test_key_terms_leave_out_small_words_and_put_the_specific_first():
    assert key_terms("Spindle makes a grinding noise") == ["grinding", "spindle", "noise"]
    assert "设备" in key_terms("设备无法启动") or "无法" in key_terms("设备无法启动")
    assert key_terms("a an of") == []


def test_steps_come_as_plain_text_without_html(world, library):
    text = reply_steps(library["spindle"])
    assert text == "1. Stop the spindle.\n2. Replace the front bearing set."


def test_similar_solved_tickets_cost_one_query(world, django_assert_num_queries):
    for subject in ("Spindle grinding noise", "Grinding spindle at 4000 rpm", "Noise from the spindle"):
        _solve(world.ticket(subject=subject))
    ticket = world.ticket()
    with django_assert_num_queries(1):
        assert len(similar_solved_tickets(world.agent, ticket)) == 3


def test_a_subject_without_key_terms_finds_no_similar_ticket(world):
    _solve(world.ticket(subject="Is it on? No!"))
    assert similar_solved_tickets(world.agent, world.ticket(subject="Is it on? No!")) == []


def test_too_few_articles_with_every_term_falls_back_on_the_term_fewest_articles_hold(world, category):
    # "lubrication" is the longest key term but many articles hold it; "chuck" is held by one only.
    for n in range(3):
        published(world, category, title=f"Lubrication schedule {n}", body="Lubrication every week.")
    chuck = published(world, category, title="Chuck jaws slipping", body="Regrind the jaws.")
    terms = key_terms("Lubrication wobble on the chuck")
    assert terms[0] == "lubrication"  # the longest: what the fallback used to search for
    assert service._by_words(service.readable(world.agent), terms) == [chuck.pk]


def test_the_fallback_ranks_a_bounded_number_of_articles_holding_a_common_term(world, category, monkeypatch):
    monkeypatch.setattr(service, "_POOL", 2)
    for n in range(4):
        published(world, category, title=f"Coolant pump {n}", body="Check the coolant level.")
    found = service._by_words(service.readable(world.agent), key_terms("Coolant wobble"))
    assert len(found) == 2
