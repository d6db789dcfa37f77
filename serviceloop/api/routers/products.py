"""The catalogue: product lines, models and modules. Anyone signed in may read it (to classify
tickets); only those who manage the directory may change it."""

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from serviceloop.customers.models import ProductLine, ProductModel, ProductModule

from ..schemas.catalogue import (
    ProductLineIn,
    ProductLineOut,
    ProductLinePatch,
    ProductModelIn,
    ProductModelOut,
    ProductModelPatch,
    ProductModuleIn,
    ProductModuleOut,
    ProductModulePatch,
)
from .directory import Resource, add_resource

router = Router(tags=["products"])


def _lines(user: Any) -> QuerySet:
    return ProductLine.objects.all()


def _models(user: Any) -> QuerySet:
    return ProductModel.objects.all()


def _modules(user: Any) -> QuerySet:
    return ProductModule.objects.all()


add_resource(router, Resource("product-lines", "product_line", _lines, ProductLineOut, ProductLineIn,
                              ProductLinePatch))  # fmt: skip
add_resource(router, Resource("product-models", "product_model", _models, ProductModelOut, ProductModelIn,
                              ProductModelPatch))  # fmt: skip
add_resource(router, Resource("product-modules", "product_module", _modules, ProductModuleOut,
                              ProductModuleIn, ProductModulePatch))  # fmt: skip
