"""The knowledge base's console pages: search, article, writing, workflow, versions and reviews."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from serviceloop.knowledge.models import Article, ArticleStatus, KnowledgeCategory
from serviceloop.knowledge.services import ArticleContent, create_article, edit_article, move

from .conftest import text_of

KB = "/console/knowledge/"


@pytest.fixture
def category(world) -> KnowledgeCategory:
    return KnowledgeCategory.objects.create(name="CNC lathes", product_line=world.line, owner=world.engineer)


def write(category: KnowledgeCategory, actor: Any, **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": "Replacing the spindle belt", "body": "Open the rear cover and loosen the tensioner.",
        "category_id": category.pk, "kind": "how_to", "visibility": "public", "language": "en",
    }  # fmt: skip
    values.update(fields)
    return create_article(actor, ArticleContent.of(**values))


def published(world, category: KnowledgeCategory, **fields: Any) -> Article:
    article = write(category, world.agent, **fields)
    move(world.agent, article, "submit")
    return move(world.manager, article, "publish")


def _form(**fields: Any) -> dict[str, Any]:
    data = {
        "kind": "known_problem", "title": "Spindle grinds at 3000 rpm", "symptom": "A grinding **noise**.",
        "cause": "Worn bearing.", "fix_steps": "1. Stop\n2. Replace the bearing", "body": "",
        "language": "en", "visibility": "internal", "tags": "spindle, bearing", "note": "",
    }  # fmt: skip
    data.update(fields)
    return data


# Access


def test_staff_see_every_page(login, world, category):
    article = published(world, category)
    edit_article(world.manager, article, ArticleContent.of(title="Replacing the belt"))
    client = login(world.agent)
    pages = [KB, f"{KB}?q=belt", f"{KB}new/", f"{KB}{article.pk}/", f"{KB}{article.pk}/compare/?old=1&new=2"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'href="/console/knowledge/"' in text_of(response)  # the nav entry
    assert login(world.engineer).get(f"{KB}reviews/").status_code == 200
    assert login(world.manager).get(f"{KB}{article.pk}/edit/").status_code == 200


def test_customers_and_strangers_are_refused(client, login, world, category):
    article = published(world, category)
    for url in (KB, f"{KB}{article.pk}/", f"{KB}new/", f"{KB}reviews/"):
        assert login(world.customer).get(url).status_code == 403
        assert client.get(url).status_code == 302  # to the login page
    assert login(world.customer).post(f"{KB}preview/", {"body": "x"}).status_code == 403


def test_partner_reads_only_what_visibility_allows(login, world, category):
    public = published(world, category, title="Public belt guide")
    internal = published(world, category, title="Internal belt note", visibility="internal")
    own = published(world, category, title="Hydra belt document", visibility="partner",
                    supplier_id=world.partner_a.pk)  # fmt: skip
    other = published(world, category, title="Spark belt document", visibility="partner",
                      supplier_id=world.partner_b.pk)  # fmt: skip
    client = login(world.partner_a_tech)
    assert client.get(f"{KB}{public.pk}/").status_code == 200
    assert client.get(f"{KB}{own.pk}/").status_code == 200
    assert client.get(f"{KB}{internal.pk}/").status_code == 404
    assert client.get(f"{KB}{other.pk}/").status_code == 404
    assert client.get(f"{KB}{other.pk}/compare/?old=1&new=1").status_code == 404
    assert client.post(f"{KB}{other.pk}/move/", {"action": "archive"}).status_code == 404
    found = text_of(client.get(KB, {"q": "belt"}))
    assert "Public belt guide" in found and "Hydra belt document" in found
    assert "Internal belt note" not in found and "Spark belt document" not in found
    assert client.get(f"{KB}reviews/").status_code == 403


# Search


def test_search_marks_words_and_escapes_the_text(login, world, category):
    published(world, category, kind="known_problem", title="Grinding spindle",
              symptom="The <b>spindle</b> grinds loudly", fix_steps="1. Replace")  # fmt: skip
    html = text_of(login(world.agent).get(KB, {"q": "grinds"}))
    assert "<mark>grinds</mark>" in html
    assert "&lt;b&gt;spindle&lt;/b&gt;" in html and "<b>spindle</b>" not in html


def test_search_filters_and_bad_filters(login, world, category):
    published(world, category, title="Belt how-to")
    published(world, category, title="Belt known problem", kind="known_problem", symptom="Belt slips",
              fix_steps="Tighten", language="de")  # fmt: skip
    client = login(world.agent)
    html = text_of(client.get(KB, {"q": "belt", "kind": "known_problem"}))
    assert "Belt known problem" in html and "Belt how-to" not in html
    html = text_of(client.get(KB, {"language": "de"}))
    assert "Belt known problem" in html and "Belt how-to" not in html
    bad = client.get(KB, {"q": "belt", "language": "not a language!"})
    assert bad.status_code == 422
    assert "is not a language code" in text_of(bad)
    fragment = client.get(KB, {"language": "??"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="kb-results")
    assert fragment.status_code == 200 and "is not a language code" in text_of(fragment)
    assert "<html" not in text_of(fragment)


def test_drafts_only_when_asked(login, world, category):
    write(category, world.agent, title="Belt draft")
    client = login(world.agent)
    assert "Belt draft" not in text_of(client.get(KB, {"q": "belt"}))
    assert "Belt draft" in text_of(client.get(KB, {"q": "belt", "unpublished": "on"}))
    # A partner asking for drafts still sees none of ours.
    assert "Belt draft" not in text_of(
        login(world.partner_a_tech).get(KB, {"q": "belt", "unpublished": "on"})
    )


def test_results_are_paginated(login, world, category):
    for number in range(21):
        published(world, category, title=f"Belt guide {number:02d}")
    client = login(world.agent)
    first = text_of(client.get(KB, {"q": "belt"}))
    assert first.count("Belt guide") == 20 and "page=2" in first
    second = text_of(client.get(KB, {"q": "belt", "page": 2}))
    assert second.count("Belt guide") == 1 and "page=3" not in second
    browse = text_of(client.get(KB, {"page": 2}))
    assert browse.count("Belt guide") == 1


def test_result_pages_do_not_grow_with_their_rows(login, world, category, count_queries):
    client = login(world.agent)
    published(world, category, title="Belt guide 0")
    few = {q: count_queries(lambda q=q: client.get(KB, {"q": q})) for q in ("belt", "")}
    for number in range(1, 8):
        published(world, category, title=f"Belt guide {number}")
    for q, queries in few.items():
        assert count_queries(lambda q=q: client.get(KB, {"q": q})) == queries


# Article page


def test_article_page_shows_known_problem_and_language_versions(login, world, category):
    original = published(world, category, kind="known_problem", title="Spindle grinds",
                         symptom="A grinding noise", cause="Worn bearing", fix_steps="1. Replace the bearing",
                         product_model_ids=[world.model_a.pk], tags=["spindle"])  # fmt: skip
    content = ArticleContent.of(
        title="主轴异响", body="更换轴承", category_id=category.pk, language="zh-hans"
    )
    chinese = create_article(world.agent, content, translation_of=original)
    html = text_of(login(world.agent).get(f"{KB}{original.pk}/"))
    for text in ("A grinding noise", "Worn bearing", "<li>Replace the bearing</li>", "CL-200", "spindle"):
        assert text in html
    assert f'href="/console/knowledge/{chinese.pk}/" hreflang="zh-hans"' in html
    # A partner does not see the draft translation (its scope holds live articles of ours only).
    assert f"/console/knowledge/{chinese.pk}/" not in text_of(
        login(world.partner_a_tech).get(f"{KB}{original.pk}/")
    )


def test_article_body_is_sanitised(login, world, category):
    article = published(world, category, body="Hello <script>alert(1)</script> [x](javascript:alert(2))")
    html = text_of(login(world.agent).get(f"{KB}{article.pk}/"))
    assert "<script>alert(1)" not in html and "javascript:alert" not in html


# Writing


def test_new_article_is_saved_as_a_draft(login, world, category):
    client = login(world.agent)
    response = client.post(f"{KB}new/", _form(category=category.pk, product_models=[world.model_a.pk]))
    article = Article.objects.get(title="Spindle grinds at 3000 rpm")
    assert response.status_code == 302 and response["Location"] == f"{KB}{article.pk}/"
    assert article.status == ArticleStatus.DRAFT and article.author == world.agent
    assert article.tags == ["spindle", "bearing"]
    assert list(article.product_models.all()) == [world.model_a]
    assert article.versions.count() == 1


def test_new_article_form_shows_errors(login, world, category):
    client = login(world.agent)
    response = client.post(f"{KB}new/", _form(category=category.pk, title=""))
    assert response.status_code == 422 and "invalid-feedback" in text_of(response)
    response = client.post(
        f"{KB}new/", _form(category=category.pk, kind="internal_note", visibility="public")
    )
    assert response.status_code == 422
    assert "an internal note can only be internal" in text_of(response)
    response = client.post(f"{KB}new/", _form(category=category.pk, language="??"))
    assert response.status_code == 422 and "is not a language code" in text_of(response)
    response = client.post(f"{KB}new/", _form(category=category.pk, visibility="partner"))
    assert response.status_code == 422 and "name the partner or supplier" in text_of(response)
    assert not Article.objects.exists()


def test_language_version_of_another_article(login, world, category):
    original = published(world, category)
    client = login(world.agent)
    form = client.get(f"{KB}new/", {"translation_of": original.pk})
    assert f'value="{original.pk}"' in text_of(form)
    response = client.post(f"{KB}new/", _form(category=category.pk, language="zh-hans", title="更换主轴皮带",
                                              translation_of=original.pk))  # fmt: skip
    assert response.status_code == 302
    assert Article.objects.get(title="更换主轴皮带").translation_group == original.translation_group
    again = client.post(f"{KB}new/", _form(category=category.pk, language="zh", translation_of=original.pk))
    assert again.status_code == 409 and "already has a version in that language" in text_of(again)
    missing = client.post(f"{KB}new/", _form(category=category.pk, translation_of=999_999))
    assert missing.status_code == 422 and "No article" in text_of(missing)


def test_partner_writes_its_own_company_documents(login, world, category):
    client = login(world.partner_a_tech)
    form = text_of(client.get(f"{KB}new/"))
    assert 'value="internal"' not in form and 'name="supplier"' not in form
    response = client.post(f"{KB}new/", _form(category=category.pk, visibility="partner"))
    assert response.status_code == 302
    assert Article.objects.get().supplier == world.partner_a
    refused = client.post(f"{KB}new/", _form(category=category.pk, visibility="internal", title="Other"))
    assert refused.status_code == 422


def test_quality_inspectors_only_read(login, world, category):
    assert login(world.quality).get(f"{KB}new/").status_code == 403
    assert login(world.quality).post(f"{KB}new/", _form(category=category.pk)).status_code == 403


def test_edit_makes_a_new_version_and_refuses_a_stale_form(login, world, category):
    article = write(category, world.agent)
    client = login(world.agent)
    data = _form(category=category.pk, kind="how_to", title="Belt, new title", body="Text", version=1)
    response = client.post(f"{KB}{article.pk}/edit/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Belt, new title" and article.version == 2
    stale = client.post(f"{KB}{article.pk}/edit/", {**data, "title": "Lost change"})
    assert stale.status_code == 409 and "Someone else changed this article" in text_of(stale)
    same = client.post(f"{KB}{article.pk}/edit/", {**data, "version": 2})
    assert same.status_code == 302 and Article.objects.get(pk=article.pk).version == 2


def test_edit_is_refused_in_review_and_for_other_writers(login, world, category):
    article = write(category, world.agent)
    move(world.agent, article, "submit")
    response = login(world.agent).get(f"{KB}{article.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == f"{KB}{article.pk}/"
    own = published(world, category, visibility="partner", supplier_id=world.partner_a.pk)
    # A published article is changed by its category's owner or a manager only.
    assert login(world.agent).get(f"{KB}{own.pk}/edit/").status_code == 403


def test_preview_renders_markdown_and_drops_scripts(login, world):
    client = login(world.agent)
    data = {"body": "**bold** <script>alert(1)</script>", "symptom": "", "fix_steps": "1. one\n2. two"}
    response = client.post(f"{KB}preview/", data, HTTP_HX_REQUEST="true")
    html = text_of(response)
    assert response.status_code == 200
    assert "<strong>bold</strong>" in html and "<li>two</li>" in html
    assert "<script" not in html and "alert(1)" not in html.replace("&lt;", "")
    too_long = client.post(f"{KB}preview/", {"body": "x" * 100_001})
    assert too_long.status_code == 422


# Workflow


def test_workflow_buttons_follow_the_rules(login, world, category):
    article = write(category, world.agent, kind="known_problem", symptom="", fix_steps="")
    writer, owner = login(world.agent), login(world.engineer)
    assert 'value="submit"' in text_of(writer.get(f"{KB}{article.pk}/"))
    incomplete = writer.post(f"{KB}{article.pk}/move/", {"action": "submit"})
    assert incomplete.status_code == 422 and "needs its symptom and its fix steps" in text_of(incomplete)
    edit_article(world.agent, article, ArticleContent.of(symptom="Noise", fix_steps="Replace"))
    assert writer.post(f"{KB}{article.pk}/move/", {"action": "submit"}).status_code == 302
    assert 'value="publish"' not in text_of(writer.get(f"{KB}{article.pk}/"))
    assert writer.post(f"{KB}{article.pk}/move/", {"action": "publish"}).status_code == 403
    assert 'value="publish"' in text_of(owner.get(f"{KB}{article.pk}/"))
    no_reason = owner.post(f"{KB}{article.pk}/move/", {"action": "reject"})
    assert no_reason.status_code == 422
    assert (
        owner.post(f"{KB}{article.pk}/move/", {"action": "reject", "comment": "Add a photo"}).status_code
        == 302
    )
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert "Add a photo" in text_of(writer.get(f"{KB}{article.pk}/"))
    assert owner.post(f"{KB}{article.pk}/move/", {"action": "fly"}).status_code == 422


def test_publish_reconfirm_and_archive(login, world, category):
    article = write(category, world.agent)
    move(world.agent, article, "submit")
    owner = login(world.engineer)
    assert owner.post(f"{KB}{article.pk}/move/", {"action": "publish"}).status_code == 302
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.DUE_FOR_REVIEW)
    assert 'value="reconfirm"' in text_of(owner.get(f"{KB}{article.pk}/"))
    assert owner.post(f"{KB}{article.pk}/move/", {"action": "reconfirm"}).status_code == 302
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED
    assert owner.post(f"{KB}{article.pk}/move/", {"action": "archive"}).status_code == 302
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.ARCHIVED
    again = owner.post(f"{KB}{article.pk}/move/", {"action": "archive"})
    assert again.status_code == 409 and "not possible now" in text_of(again)


# Versions


def test_diff_between_two_versions(login, world, category):
    article = write(category, world.agent, body="Loosen the <tensioner>.")
    edit_article(world.agent, article, ArticleContent.of(body="Loosen the tensioner first."))
    client = login(world.agent)
    html = text_of(client.get(f"{KB}{article.pk}/compare/", {"old": 1, "new": 2}))
    assert 'class="diff"' in html and "<tensioner>" not in html
    assert "&lt;</span>tensioner" in html  # escaped, the change marked inside the line
    assert "first" in html
    assert client.get(f"{KB}{article.pk}/compare/", {"old": 1, "new": 9}).status_code == 404
    assert client.get(f"{KB}{article.pk}/compare/", {"old": "x", "new": 2}).status_code == 422


def test_restore_an_earlier_version(login, world, category):
    article = write(category, world.agent, title="First title")
    edit_article(world.agent, article, ArticleContent.of(title="Second title"))
    client = login(world.agent)
    assert 'name="number" value="1"' in text_of(client.get(f"{KB}{article.pk}/"))
    response = client.post(f"{KB}{article.pk}/restore/", {"number": 1})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "First title" and article.version == 3
    same = client.post(f"{KB}{article.pk}/restore/", {"number": 3})
    assert same.status_code == 409 and "already says what version 3 says" in text_of(same)
    assert client.post(f"{KB}{article.pk}/restore/", {"number": 42}).status_code == 404
    assert login(world.quality).post(f"{KB}{article.pk}/restore/", {"number": 1}).status_code == 403


# Reviews


def test_my_reviews_lists_waiting_and_overdue_articles(login, world, category):
    waiting = write(category, world.agent, title="Waiting for review")
    move(world.agent, waiting, "submit")
    late = published(world, category, title="Past its date")
    Article.objects.filter(pk=late.pk).update(review_due_on=timezone.localdate() - timedelta(days=3))
    published(world, category, title="Still current")
    elsewhere = KnowledgeCategory.objects.create(name="Other shelf", owner=world.supervisor)
    other = write(elsewhere, world.agent, title="Someone else's")
    move(world.agent, other, "submit")
    html = text_of(login(world.engineer).get(f"{KB}reviews/"))
    assert "Waiting for review" in html and "Past its date" in html
    assert "Still current" not in html and "Someone else&#x27;s" not in html
    assert html.count("data-overdue") == 1
    assert html.index("Past its date") < html.index("Waiting for review")  # overdue first
    manager = login(world.manager)
    assert "Someone else&#x27;s" not in text_of(manager.get(f"{KB}reviews/"))
    assert "Someone else&#x27;s" in text_of(manager.get(f"{KB}reviews/", {"all": "1"}))
    assert "Someone else&#x27;s" not in text_of(login(world.engineer).get(f"{KB}reviews/", {"all": "1"}))
