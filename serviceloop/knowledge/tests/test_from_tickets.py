"""“Turn into article”: a resolved ticket becomes a draft known problem without its customer's data."""

from __future__ import annotations

import pytest

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.knowledge import events
from serviceloop.knowledge.models import Article, ArticleEvent, KnowledgeCategory
from serviceloop.knowledge.services import draft_from_ticket
from serviceloop.knowledge.services.from_tickets import AlreadyDrafted, can_draft, source_article
from serviceloop.tickets.models import Status
from serviceloop.tickets.services import add_message, transition

from .resolved_tickets import solved

CUSTOMER_DATA = ("Müller", "Anna", "anna@mueller.test", "CL200-0001", "1234 5678")


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def _texts(article: Article) -> str:
    return "\n".join((article.title, article.symptom, article.cause, article.fix_steps, article.module))


def test_a_resolved_ticket_becomes_a_draft_known_problem(world, category):
    ticket = solved(
        world, product_model_id=world.model_a.pk, product_module_id=world.spindle.pk,
        fault_type_id=world.fault.pk,
    )  # fmt: skip
    article = draft_from_ticket(world.engineer, ticket)
    article.refresh_from_db()
    assert (article.kind, article.status, article.visibility) == ("known_problem", "draft", "internal")
    assert (article.category, article.author, article.source_ticket) == (category, world.engineer, ticket)
    assert article.title == "Spindle makes a grinding noise"
    assert article.symptom == "Since this morning the spindle of our lathe grinds at 3000 rpm."
    assert article.cause == "The belt of SN [serial number] was worn; [name] saw it first."
    assert article.fix_steps.startswith("1. Stop the machine\n2. Replace the spindle belt\n3. Call [phone]")
    assert (
        "**Tools and resources**" in article.fix_steps
        and "- 1 × Belt 8M-1200 (Spare part)" in article.fix_steps
    )
    assert list(article.product_models.all()) == [world.model_a]
    assert (article.module, article.fault_type, article.language) == ("Spindle", world.fault, "en")
    steps = list(ArticleEvent.objects.filter(article=article).values_list("name", flat=True))
    assert steps == [events.ARTICLE_CREATED, events.ARTICLE_FROM_TICKET]
    assert ArticleEvent.objects.get(article=article, name=events.ARTICLE_FROM_TICKET).data == {
        "ticket": ticket.number, "plan_version": 1,
    }  # fmt: skip
    assert source_article(ticket) == article


def test_the_customers_data_is_stripped_everywhere(world, category):
    subject = f"Müller Fertigung: CL200-0001 grinds ({world.org.name})"
    body = (
        "Hello, this is Anna Müller (anna@mueller.test, +49 30 1). Our machine CL300-0002 grinds. "
        "Call me on +49 171 2345678. Photos: https://files.example.com/s/Ab12Cd34Ef56Gh78Ij90 "
        "Manual: https://example.com/manual/spindle"
    )
    ticket = solved(world, subject=subject, body=body)
    article = draft_from_ticket(world.agent, ticket)
    text = _texts(article)
    for secret in (*CUSTOMER_DATA, "CL300-0002", "+49 30 1", "171", "Ab12Cd34", "Fertigung", ticket.number):
        assert secret not in text, secret
    assert "https://example.com/manual/spindle" in article.symptom  # a link without a secret stays
    assert article.title == "[customer]: [serial number] grinds ([customer])"


def test_a_closed_ticket_may_be_turned_into_an_article_too(world, category):
    ticket = solved(world)
    transition(world.agent, ticket, "close")
    assert draft_from_ticket(world.agent, ticket).source_ticket == ticket


def test_a_ticket_not_resolved_is_refused(world, category):
    ticket = solved(world, resolve=False)
    assert ticket.status == Status.SOLUTION_APPROVED and not can_draft(world.agent, ticket)
    with pytest.raises(Conflict, match="Only a resolved or closed ticket"):
        draft_from_ticket(world.agent, ticket)
    assert not Article.objects.exists()


def test_a_ticket_becomes_one_article_only_and_the_refusal_names_it(world, category):
    ticket = solved(world)
    first = draft_from_ticket(world.agent, ticket)
    with pytest.raises(AlreadyDrafted) as refused:
        draft_from_ticket(world.engineer, ticket)
    assert refused.value.article == first and str(first.pk) in refused.value.message
    assert isinstance(refused.value, Conflict) and Article.objects.count() == 1


@pytest.mark.parametrize("who", ["quality", "partner_a_tech", "customer"])
def test_only_staff_who_write_articles_may(world, category, who):
    ticket = solved(world)
    assert not can_draft(getattr(world, who), ticket)
    with pytest.raises(Forbidden):
        draft_from_ticket(getattr(world, who), ticket)
    assert can_draft(world.agent, ticket)


def test_the_category_of_the_tickets_very_model_comes_first(world, category):
    own = KnowledgeCategory.objects.create(
        name="Lathe 200", product_line=world.line, product_model=world.model_a, owner=world.engineer
    )
    ticket = solved(world, product_model_id=world.model_a.pk)
    assert draft_from_ticket(world.agent, ticket).category == own


def test_without_a_category_for_the_line_the_engineer_is_asked_to_choose(world):
    other = KnowledgeCategory.objects.create(name="Grinders", owner=world.engineer)
    ticket = solved(world)
    with pytest.raises(InvalidInput, match="choose a category") as refused:
        draft_from_ticket(world.agent, ticket)
    assert refused.value.field == "category_id"
    assert draft_from_ticket(world.agent, ticket, category_id=other.pk).category == other


def test_a_ticket_without_any_product_asks_for_a_category(world, category):
    ticket = solved(world, machine_id=None)
    with pytest.raises(InvalidInput, match="names no product"):
        draft_from_ticket(world.agent, ticket)


def test_the_article_speaks_the_customers_language(world, category):
    world.contact.language = "zh-CN"
    world.contact.save()
    ticket = solved(world)
    assert draft_from_ticket(world.agent, ticket).language == "zh-hans"


def test_an_unknown_language_falls_back_to_english(world, category):
    world.contact.language = "??"
    world.contact.save()
    assert draft_from_ticket(world.agent, solved(world)).language == "en"


def test_without_an_approved_plan_the_fix_is_our_last_answer(world, category):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    add_message(world.agent, ticket, "Tighten the belt tensioner by half a turn, Anna.")
    add_message(world.customer, ticket, "Thanks, that did it!")
    transition(world.agent, ticket, "resolve")
    article = draft_from_ticket(world.agent, ticket)
    assert article.fix_steps == "Tighten the belt tensioner by half a turn, [name]."
    assert article.cause == "" and article.symptom.startswith("Since this morning")
