"""JSON bodies that bring content from outside: stored as received, then validated and processed.

Ninja would validate a declared body before our code runs, so a malformed request would never be
stored. These operations read the raw body themselves and describe it in OpenAPI by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import pydantic
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.openapi.schema import REF_TEMPLATE
from ninja.schema import NinjaGenerateJsonSchema

from serviceloop.channels import intake
from serviceloop.core.errors import InvalidInput, ServiceError
from serviceloop.core.nul import contains_nul, storable

from .auth import actor
from .errors import first_invalid

S = TypeVar("S", bound=Schema)
T = TypeVar("T")
C = TypeVar("C")
_MODELS: dict[str, type[Schema]] = {}
_UNREADABLE = object()


def documented(schema: type[Schema]) -> dict[str, Any]:
    """The `openapi_extra` that declares `schema` as the JSON request body of an operation."""
    _MODELS[schema.__name__] = schema
    ref = {"$ref": REF_TEMPLATE.format(model=schema.__name__)}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


def add_components(openapi: dict[str, Any]) -> None:
    """Put the schemas named by `documented` bodies into the document's components."""
    components = openapi["components"]["schemas"]
    for name, model in _MODELS.items():
        schema = model.model_json_schema(ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema)
        components.update(schema.pop("$defs", {}))
        components[name] = schema


class UnreadableBody(ServiceError):
    status = 400


def validate(schema: type[S], data: Any) -> S:
    if data is _UNREADABLE:
        raise UnreadableBody(_("body: this is not valid JSON."), field="body")
    if not isinstance(data, dict):
        raise InvalidInput(_("body: send a JSON object."), field="body")
    try:
        return schema.model_validate(data)
    except pydantic.ValidationError as exc:
        raise first_invalid(exc.errors(include_url=False)) from exc


def receive_json(request: HttpRequest, schema: type[S], process: Callable[[S], T]) -> T:
    """Store the body (even unreadable), then validate it against `schema` and `process` it."""
    return receive_json_checked(request, schema, _as_is, process)


def _as_is(valid: S) -> S:
    return valid


def receive_json_checked(
    request: HttpRequest, schema: type[S], check: Callable[[S], C], apply: Callable[[C], T]
) -> T:
    """`receive_json` whose processing is split as `intake.receive_checked` splits it: the body is
    validated and `check`ed before the write transaction, and `apply` writes what `check` gave."""
    raw = request.body.decode("utf-8", "replace")
    data: Any
    try:
        data = json.loads(raw) if raw.strip() else {}
    except ValueError:
        data = _UNREADABLE
    return intake.receive_checked(
        "api", _as_received(raw, data), actor(request), lambda: check(validate(schema, data)), apply
    )


def _as_received(raw: str, data: Any) -> dict[str, Any]:
    """What the receipt keeps: the JSON object sent, or else the text of the body.

    PostgreSQL's jsonb cannot hold a NUL character, so an object with one (sent as the escape \\u0000)
    is kept as the JSON text it came in, which holds only the escape; validation then refuses it.
    A NUL in a body that is not JSON at all becomes U+FFFD, as undecodable bytes already do."""
    if isinstance(data, dict) and not contains_nul(data):
        return data
    return {"unparsed_body": storable(raw[:100_000])}
