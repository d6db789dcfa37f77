"""The public help centre: who sees which article, search and content gaps, article pages with their
SEO metadata, feedback, "this solved my problem", the sitemap, and the way to a request."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.knowledge.models import ArticleFeedback, Deflection, KnowledgeCategory, SearchMiss
from serviceloop.knowledge.services import ArticleContent, create_article
from serviceloop.knowledge.tests.conftest import one_of_each_visibility, publish, published


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


@pytest.fixture
def shelf(world, category):
    return one_of_each_visibility(world, category)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


TITLES = ("public", "customers", "internal", "Hydra", "draft")


def titles_in(html: str) -> set[str]:
    return {word for word in TITLES if f"Spindle belt {word}" in html}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"public"}),
        ("customer", {"public", "customers"}),
        ("partner_a_tech", {"public", "customers", "Hydra"}),
        ("partner_b_tech", {"public", "customers"}),
    ],
)
def test_search_and_home_show_only_what_the_visitor_may_read(world, shelf, who, expected):
    client = Client() if who == "anonymous" else signed_in(getattr(world, who))
    assert titles_in(text(client.get("/help/search/", {"q": "spindle belt"}))) == expected
    assert titles_in(text(client.get("/help/"))) == expected


def test_article_pages_refuse_what_the_visitor_may_not_read(world, shelf):
    anonymous, customer = Client(), signed_in(world.customer)
    for name in ("customers", "internal", "partner", "draft"):
        assert anonymous.get(f"/help/articles/{shelf[name].pk}/", follow=True).status_code == 404, name
    assert customer.get(f"/help/articles/{shelf['customers'].pk}/", follow=True).status_code == 200
    for name in ("internal", "partner", "draft"):
        assert customer.get(f"/help/articles/{shelf[name].pk}/", follow=True).status_code == 404, name
    hydra = signed_in(world.partner_a_tech).get(f"/help/articles/{shelf['partner'].pk}/", follow=True)
    assert hydra.status_code == 200
    assert anonymous.get("/help/articles/99999999999999999999999/").status_code == 404


def test_search_shows_snippets_and_records_nothing_found(world, shelf):
    html = text(Client().get("/help/search/", {"q": "tensioner"}))
    assert "<mark>tensioner</mark>" in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert not SearchMiss.objects.exists()
    Client().get("/help/search/", {"q": "Hydraulic  PUMP"})
    Client().get("/help/search/", {"q": "hydraulic pump"})
    miss = SearchMiss.objects.get()
    assert (miss.query, miss.count) == ("hydraulic pump", 2)
    page = text(Client().get("/help/search/", {"q": "hydraulic pump"}))
    assert "We found no article" in page
    assert f'href="/portal/new/?q={quote("hydraulic pump")}"' in page


def test_still_need_help_carries_the_search_to_the_request_form(world, shelf):
    # Signed out: the sign-in comes first, then the form with the search in its subject.
    response = Client().get("/portal/new/", {"q": "belt slips"})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/accounts/login/"
    assert parse_qs(location.query)["next"] == ["/portal/new/?q=belt+slips"]
    form = text(signed_in(world.customer).get("/portal/new/", {"q": "belt slips"}))
    assert re.search(r'name="subject"[^>]*value="belt slips"', form)
    assert 'hx-get="/help/suggest/"' in form


def test_article_page_has_seo_metadata_and_language_versions(world, shelf):
    english = shelf["public"]
    chinese = create_article(world.agent, ArticleContent.of(
        title="更换主轴皮带", body="打开后盖。", category_id=english.category_id, language="zh-hans",
        visibility="public"), translation_of=english)  # fmt: skip
    publish(chinese, world.agent, world.manager)
    response = Client().get(f"/help/articles/{english.pk}/", follow=True)
    url = f"/help/articles/{english.pk}-spindle-belt-public/"
    assert response.redirect_chain == [(url, 301)]
    html = text(response)
    assert "<title>Spindle belt public · Serviceloop</title>" in html
    assert '<meta name="description" content="Open the rear cover and loosen the tensioner.">' in html
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    zh_url = f"/help/articles/{chinese.pk}-{quote('更换主轴皮带')}/"
    assert f'<link rel="alternate" hreflang="zh-hans" href="http://testserver{zh_url}">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{url}">' in html
    # A Chinese-speaking visitor is pointed to the version in their language.
    zh = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get(url)
    assert f'href="{zh_url}" hreflang="zh-hans"' in text(zh)
    assert Client().get(zh_url).status_code == 200


def test_article_text_is_sanitised(world, category):
    article = published(world, category, title="Unsafe", body="Hi <script>alert(1)</script> "
                        "[x](javascript:alert(2)) <img src=x onerror=alert(3)>")  # fmt: skip
    html = text(Client().get(f"/help/articles/{article.pk}-unsafe/"))
    assert "<script>alert" not in html and "javascript:" not in html and "onerror" not in html


def test_related_articles_are_from_the_same_shelf_and_visible(world, shelf, category):
    other = KnowledgeCategory.objects.create(name="Mills", owner=world.engineer)
    published(world, other, title="Unrelated mill article")
    html = text(Client().get(f"/help/articles/{shelf['public'].pk}-spindle-belt-public/"))
    related = html.split("Related articles", 1)[1] if "Related articles" in html else ""
    assert "Unrelated mill article" not in related
    assert "Spindle belt customers" not in related  # the anonymous visitor may not read it
    published(world, category, title="Coolant pump", language="it")
    html = text(Client().get(f"/help/articles/{shelf['public'].pk}-spindle-belt-public/"))
    assert "Coolant pump" in html.split("Related articles", 1)[1]


def test_anonymous_feedback_counts_once_per_session(world, shelf):
    article, client = shelf["public"], Client()
    url = reverse("help:feedback", args=[article.pk])
    client.get(f"/help/articles/{article.pk}-spindle-belt-public/")
    assert client.post(url, {"helpful": "no", "comment": "Too short"}).status_code == 302
    assert client.post(url, {"helpful": "yes"}).status_code == 302
    vote = ArticleFeedback.objects.get()
    assert vote.helpful is True and vote.user is None and vote.session_key
    Client().post(url, {"helpful": "no"})  # another visitor
    assert ArticleFeedback.objects.count() == 2
    bad = client.post(url, {"helpful": "maybe"})
    assert bad.status_code == 400 and "Choose whether the article helped you" in text(bad)


def test_customer_feedback_counts_once_and_hidden_articles_take_none(world, shelf):
    client = signed_in(world.customer)
    url = reverse("help:feedback", args=[shelf["customers"].pk])
    client.post(url, {"helpful": "yes"})
    client.post(url, {"helpful": "no", "comment": "Step 3 is wrong"})
    vote = ArticleFeedback.objects.get()
    assert (vote.user, vote.helpful, vote.comment) == (world.customer, False, "Step 3 is wrong")
    assert Client().post(url, {"helpful": "yes"}).status_code == 404
    assert (
        client.post(reverse("help:feedback", args=[shelf["draft"].pk]), {"helpful": "yes"}).status_code == 404
    )
    assert ArticleFeedback.objects.count() == 1


def test_this_solved_my_problem_is_counted_once_with_the_search(world, shelf):
    client = signed_in(world.customer)
    url = reverse("help:solved", args=[shelf["public"].pk])
    response = client.post(url, {"q": "belt slips"}, follow=True)
    assert "glad the article solved your problem" in text(response)
    client.post(url, {"q": "belt slips"})
    deflection = Deflection.objects.get()
    assert (deflection.user, deflection.query, deflection.article) == (
        world.customer,
        "belt slips",
        shelf["public"],
    )
    Client().post(url)
    assert Deflection.objects.count() == 2


def test_sitemap_lists_only_public_published_articles(world, shelf):
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    xml = text(response)
    assert f"<loc>http://testserver/help/articles/{shelf['public'].pk}-spindle-belt-public/</loc>" in xml
    for name in ("customers", "internal", "partner", "draft"):
        assert f"/help/articles/{shelf[name].pk}-" not in xml, name
    assert xml.count("<url>") == 2  # the help centre and the one public article


def test_category_page_lists_its_articles_under_a_clean_address(world, shelf, category):
    response = Client().get(f"/help/categories/{category.pk}/", follow=True)
    assert response.redirect_chain == [(f"/help/categories/{category.pk}-cnc-lathes/", 301)]
    assert titles_in(text(response)) == {"public"}
    assert f'href="/help/categories/{category.pk}-cnc-lathes/"' in text(Client().get("/help/"))
    assert Client().get("/help/categories/99999/").status_code == 404


def test_suggestions_while_typing_a_request(world, shelf):
    client = signed_in(world.customer)
    html = text(client.get("/help/suggest/", {"subject": "spindle belt"}))
    assert "Spindle belt customers" in html and "Spindle belt internal" not in html
    assert text(client.get("/help/suggest/", {"subject": "nothing like this"})).strip() == ""
    assert not SearchMiss.objects.exists()  # half-typed words are no content gaps


def test_odd_input_gets_an_answer_never_an_error(world, shelf):
    client = Client()
    for params in ({"q": "\x00belt"}, {"q": '"*) OR ('}, {"q": "belt", "page": "abc"}, {"q": "x" * 5000}):
        assert client.get("/help/search/", params).status_code == 200, params
    assert client.get("/help/suggest/", {"subject": "\x00"}).status_code == 200
    assert client.get(reverse("help:feedback", args=[shelf["public"].pk])).status_code == 405
    assert client.post(reverse("help:solved", args=[99999999999999999999])).status_code == 404
