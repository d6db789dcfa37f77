"""What we sell: product lines, their models and the modules questions are classified by."""

from __future__ import annotations

from ninja import Schema

from .common import Input


class ProductLineIn(Input):
    name: str


class ProductLinePatch(Input):
    name: str | None = None


class ProductLineOut(Schema):
    id: int
    name: str


class ProductModelIn(Input):
    line_id: int
    code: str
    name: str
    supplier_id: int | None = None


class ProductModelPatch(Input):
    line_id: int | None = None
    code: str | None = None
    name: str | None = None
    supplier_id: int | None = None


class ProductModelOut(Schema):
    id: int
    line_id: int
    code: str
    name: str
    supplier_id: int | None


class ProductModuleIn(Input):
    line_id: int
    name: str


class ProductModulePatch(Input):
    line_id: int | None = None
    name: str | None = None


class ProductModuleOut(Schema):
    id: int
    line_id: int
    name: str
