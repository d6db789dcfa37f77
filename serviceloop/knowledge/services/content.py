"""What an article says and how it is filed, checked: the same rules whichever face sent it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import InvalidInput
from serviceloop.customers.models import ProductModel, Supplier
from serviceloop.tickets.models import FaultType
from serviceloop.tickets.services import validation as v

from ..models import Article, Kind, KnowledgeCategory, Visibility

MAX_TAGS = 20
MAX_MODELS = 50
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$")
# Codes people type for Chinese, filed under the codes the UI itself uses.
_LANGUAGE_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-tw": "zh-hant",
                     "zh-hk": "zh-hant"}  # fmt: skip
_TEXTS = {"title": 300, "body": 100_000, "symptom": 10_000, "cause": 10_000, "fix_steps": 20_000,
          "module": 120}  # fmt: skip


@dataclass
class ArticleContent:
    """The fields of an article a person writes; in an edit only those `given` change."""

    kind: str | None = None
    title: str | None = None
    body: str | None = None
    symptom: str | None = None
    cause: str | None = None
    fix_steps: str | None = None
    module: str | None = None
    product_model_ids: list[Any] | None = None
    fault_type_id: Any = None
    category_id: Any = None
    tags: Any = None
    language: str | None = None
    visibility: str | None = None
    supplier_id: Any = None
    given: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, **values: Any) -> ArticleContent:
        return cls(**values, given=set(values))


def language_code(value: Any) -> str:
    code = v.text(value, "language", max_length=16).lower().replace("_", "-")
    code = _LANGUAGE_ALIASES.get(code, code)
    if not _LANGUAGE.match(code):
        raise InvalidInput(
            _("language: %(value)s is not a language code such as en, zh-hans or de.")
            % {"value": v.shown(value)},
            field="language",
        )
    return code


def _tags(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise InvalidInput(_("tags: give a list of words, or words separated by commas."), field="tags")
    tags: dict[str, None] = {}
    for item in items:
        tag = v.text(item, "tags", max_length=40, required=False).lower()
        if tag:
            tags.setdefault(tag, None)
    if len(tags) > MAX_TAGS:
        raise InvalidInput(_("tags: at most %(max)s tags.") % {"max": MAX_TAGS}, field="tags")
    return list(tags)


def _models(value: Any) -> list[ProductModel]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        raise InvalidInput(
            _("product_model_ids: give a list of product model ids."), field="product_model_ids"
        )
    if len(value) > MAX_MODELS:
        raise InvalidInput(
            _("product_model_ids: at most %(max)s models.") % {"max": MAX_MODELS}, field="product_model_ids"
        )
    found = {model.pk: model for model in (v.resolve(ProductModel, pk, "product_model_ids") for pk in value)}
    return list(found.values())


def _resolved(name: str, value: Any) -> Any:
    if name in _TEXTS:
        return v.text(value, name, max_length=_TEXTS[name], required=name == "title")
    if name == "kind":
        return v.choice(value, Kind, "kind")
    if name == "visibility":
        return v.choice(value, Visibility, "visibility")
    if name == "language":
        return language_code(value)
    if name == "tags":
        return _tags(value)
    if name == "product_model_ids":
        return _models(value)
    if name == "fault_type_id":
        return v.resolve(FaultType, value, "fault_type_id")
    if name == "category_id":
        return v.resolve(KnowledgeCategory, value, "category_id", required=True)
    if name == "supplier_id":
        return v.resolve(Supplier, value, "supplier_id")
    raise InvalidInput(_("%(field)s cannot be set.") % {"field": name}, field=name)


def checked(content: ArticleContent) -> dict[str, Any]:
    """The given fields, each checked and resolved (ids become rows), keyed by the model's field names."""
    values: dict[str, Any] = {}
    for name in sorted(content.given):
        value = _resolved(name, getattr(content, name, None))
        key = {"fault_type_id": "fault_type", "category_id": "category", "supplier_id": "supplier",
               "product_model_ids": "product_models"}.get(name, name)  # fmt: skip
        values[key] = value
    return values


def check_filing(actor: Any, article: Article) -> None:
    """Rules between fields, checked on the article as it will be saved."""
    if article.kind == Kind.INTERNAL_NOTE and article.visibility != Visibility.INTERNAL:
        raise InvalidInput(_("visibility: an internal note can only be internal."), field="visibility")
    if article.visibility == Visibility.PARTNER and article.supplier_id is None:
        raise InvalidInput(
            _("supplier_id: name the partner or supplier whose technicians may read this article."),
            field="supplier_id",
        )
    if policy.is_partner(actor):
        if article.supplier_id != actor.supplier_id:
            raise InvalidInput(
                _("supplier_id: you write documents of your own company only."), field="supplier_id"
            )
        if article.visibility == Visibility.INTERNAL:
            raise InvalidInput(
                _("visibility: internal is for our staff only; choose public, customers or partner."),
                field="visibility",
            )
