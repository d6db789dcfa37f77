"""Narrowing a search to one product model, module, fault type, kind or language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from serviceloop.customers.models import ProductModel
from serviceloop.tickets.models import FaultType
from serviceloop.tickets.services import validation as v

from ..models import Kind
from .content import language_code


@dataclass
class SearchFilters:
    """Each filter left empty does not narrow; ids and codes are checked, with errors naming the field."""

    product_model_id: Any = None
    module: Any = None
    fault_type_id: Any = None
    kind: Any = None
    language: Any = None


def apply_filters(articles: QuerySet, filters: SearchFilters) -> QuerySet:
    model = v.resolve(ProductModel, filters.product_model_id, "product_model_id")
    if model is not None:
        articles = articles.filter(product_models=model)
    module = v.text(filters.module, "module", max_length=120, required=False)
    if module:
        articles = articles.filter(module__iexact=module)
    fault = v.resolve(FaultType, filters.fault_type_id, "fault_type_id")
    if fault is not None:
        articles = articles.filter(fault_type=fault)
    if filters.kind not in (None, ""):
        articles = articles.filter(kind=v.choice(filters.kind, Kind, "kind"))
    if filters.language not in (None, ""):
        articles = articles.filter(language=language_code(filters.language))
    return articles
