"""A visitor finds an answer in the help centre; a customer sees matching articles while writing."""

import re

import pytest

from serviceloop.knowledge.models import ArticleFeedback, KnowledgeCategory
from serviceloop.knowledge.tests.conftest import published

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article(world):
    category = KnowledgeCategory.objects.create(
        name="CNC lathes", product_line=world.line, owner=world.engineer
    )
    steps = "1. Replace the pump seal.\n2. Refill."
    return published(world, category, title="Coolant pump leaks under the lathe", kind="known_problem",
                     symptom="Coolant drips under the pump.", fix_steps=steps, body="")  # fmt: skip


def test_visitor_searches_votes_and_asks_for_help(page, world, article, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto("/help/")
    page.fill("input[name=q]", "coolant pump")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/help/search/"))
    screenshot("help-search-mobile")
    page.get_by_role("link", name="Coolant pump leaks under the lathe").click()
    page.wait_for_url(re.compile(rf"/help/articles/{article.pk}-coolant-pump-leaks-under-the-lathe/"))
    assert page.get_by_text("Replace the pump seal.").is_visible()
    page.get_by_role("button", name="Yes, helpful").click()
    page.wait_for_load_state()
    assert page.get_by_text("Thank you for your feedback.").is_visible()
    assert ArticleFeedback.objects.get().helpful is True
    screenshot("help-article-mobile")
    page.get_by_role("link", name="Submit a request").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=username]", world.customer.username)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/portal/new/"))
    assert page.input_value("input[name=subject]") == "coolant pump"


def test_matching_articles_appear_while_the_customer_types(page, world, article, screenshot):
    log_in(page, world.customer.username)
    page.goto("/portal/new/")
    page.fill("input[name=subject]", "pump leaks")
    suggestion = page.locator("#kb-suggestions").get_by_role(
        "link", name="Coolant pump leaks under the lathe"
    )
    suggestion.wait_for()
    screenshot("portal-new-request-suggestions")
