"""Knowledge articles: search, read, write, move through review, versions, and readers' feedback."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from serviceloop.knowledge.services import language_versions, render_markdown

from .common import FaultTypeRef, Id, Input, NoNulText, ProductModelRef, UserRef

Kind = Literal["known_problem", "how_to", "manual", "training", "internal_note"]
Visibility = Literal["public", "customers", "internal", "partner"]
Action = Literal["submit", "publish", "reject", "reconfirm", "archive"]  # the moves of knowledge.workflow
_LANGUAGE = "A language code such as en, zh-hans or de."
_TAGS = "Up to 20 words."


class CategoryRef(Schema):
    id: int
    name: str


class LanguageVersion(Schema):
    id: int
    language: str
    title: str


class ArticleSummary(Schema):
    id: int
    kind: str
    title: str
    language: str
    visibility: str
    status: str
    category: CategoryRef
    updated_at: datetime


class ArticleHit(Schema):
    article: ArticleSummary
    rank: float = Field(description="Higher is a better match.")
    snippet: str = Field(description="HTML: a passage with the searched words in <mark>, the rest escaped.")


class ArticleSearchPage(Schema):
    items: list[ArticleHit]
    next_offset: int | None = Field(description="Pass as `offset` for the next page; null on the last.")


class ArticleOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    body_html: str = Field(description="The text rendered from Markdown and sanitised.")
    symptom: str
    cause: str
    fix_steps: str
    module: str
    product_models: list[ProductModelRef]
    fault_type: FaultTypeRef | None
    category: CategoryRef
    tags: list[str]
    language: str
    translation_group: str
    language_versions: list[LanguageVersion] = Field(description="The other languages you may read it in.")
    visibility: str
    supplier_id: int | None
    status: str
    version: int
    author: UserRef | None
    review_due_on: date | None
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_body_html(obj: Any) -> str:
        return render_markdown(obj.body)

    @staticmethod
    def resolve_product_models(obj: Any) -> list[Any]:
        return list(obj.product_models.all())

    @staticmethod
    def resolve_translation_group(obj: Any) -> str:
        return str(obj.translation_group)

    @staticmethod
    def resolve_language_versions(obj: Any, context: Any) -> list[Any]:
        request = (context or {}).get("request")
        return list(language_versions(getattr(request, "auth", None), obj).order_by("language"))


class ArticleSearchQuery(NoNulText):
    q: str = Field("", max_length=200, description="Words to find; empty lists the newest articles.")
    product_model_id: Id | None = None
    module: str | None = Field(None, max_length=120)
    fault_type_id: Id | None = None
    kind: Kind | None = None
    language: str | None = Field(None, max_length=16, description=_LANGUAGE)
    include_unpublished: bool = Field(False, description="Drafts and articles in review too (writers).")
    offset: int = Field(0, ge=0, le=10_000)
    limit: int = Field(20, ge=1, le=100)


class ArticleIn(Input):
    title: str = Field(max_length=300)
    category_id: Id
    kind: Kind = "how_to"
    body: str = ""
    symptom: str = ""
    cause: str = ""
    fix_steps: str = ""
    module: str = ""
    product_model_ids: list[Id] = Field(default_factory=list)
    fault_type_id: Id | None = None
    tags: list[str] = Field(default_factory=list, description=_TAGS)
    language: str = Field("en", max_length=16, description=_LANGUAGE)
    visibility: Visibility = "internal"
    supplier_id: Id | None = Field(None, description="Whose product document it is (partner visibility).")
    translation_of: Id | None = Field(None, description="Makes it a language version of that article.")
    note: str = Field("", max_length=300, description="What this version changed.")


class ArticlePatch(Input):
    """Only the fields sent change; the result is the article's next version."""

    title: str | None = Field(None, max_length=300)
    category_id: Id | None = None
    kind: Kind | None = None
    body: str | None = None
    symptom: str | None = None
    cause: str | None = None
    fix_steps: str | None = None
    module: str | None = None
    product_model_ids: list[Id] | None = None
    fault_type_id: Id | None = None
    tags: list[str] | None = Field(None, description=_TAGS)
    language: str | None = Field(None, max_length=16, description=_LANGUAGE)
    visibility: Visibility | None = None
    supplier_id: Id | None = None
    note: str = Field("", max_length=300, description="What this version changed.")


class TransitionIn(Input):
    action: Action = Field(description="submit, publish, reject (needs a comment), reconfirm or archive.")
    comment: str = Field("", max_length=2000)


class VersionOut(Schema):
    number: int
    title: str
    body: str
    symptom: str
    cause: str
    fix_steps: str
    module: str
    author: UserRef | None
    created_at: datetime
    note: str


class VersionPage(Schema):
    items: list[VersionOut]


class FeedbackIn(Input):
    helpful: bool
    comment: str = Field("", max_length=2000)


class FeedbackOut(Schema):
    article_id: int
    helpful: bool
    comment: str
    created_at: datetime
    helpful_count: int
    not_helpful_count: int
