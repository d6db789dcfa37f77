"""Turning every failure into the one JSON error shape clients can rely on: {"detail", "field"}.

Services raise ServiceError subclasses carrying their HTTP status; ninja raises its own validation
and authentication errors; anything else is a bug, logged here and answered without a stack trace.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pydantic
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from serviceloop.core.errors import InvalidInput, ServiceError

logger = logging.getLogger("serviceloop.api")

# The names our operations give their body/query parameter; they are not part of a field's name.
_PARAM_NAMES = {"payload", "filters", "page"}
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}
# Pydantic names the member of a union that failed ("received_from.date"); clients want the field.
_UNION_TAG = re.compile(r"^(date|datetime|int|str|float|bool|list\[.*\]|dict\[.*\]|[\w-]+\[.*\])$")
# Every operation can answer these, so every operation declares them.
ALWAYS = (401, 422, 500)


class Error(Schema):
    detail: str
    field: str | None = None


def responses(ok: Mapping[int, Any], *statuses: int) -> dict[int, Any]:
    """The response declaration of an operation: its success schema plus every error it can answer."""
    return {**ok, **{status: Error for status in sorted({*ALWAYS, *statuses})}}


def field_name(loc: Sequence[Any]) -> str:
    """A dotted field name from a pydantic/ninja error location, without the source or param name."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in _PARAM_NAMES:
        parts = parts[1:]
    parts = parts[:1] + [p for p in parts[1:] if not _UNION_TAG.match(p)]
    return ".".join(parts) or "body"


def first_invalid(errors: Iterable[Mapping[str, Any]]) -> InvalidInput:
    error = next(iter(errors), {"loc": (), "msg": _("Invalid input.")})
    name = field_name(error.get("loc", ()))
    return InvalidInput(f"{name}: {error.get('msg', '')}", field=name)


def _answer(api: NinjaAPI, request: HttpRequest, status: int, detail: str, field: str | None = None):
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


def install(api: NinjaAPI) -> None:
    """Register the handlers; ninja looks them up along the exception's class hierarchy."""

    @api.exception_handler(ServiceError)
    def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        return _answer(api, request, exc.status, exc.message, exc.field)

    @api.exception_handler(NinjaValidationError)
    def ninja_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        error = first_invalid(exc.errors)
        return _answer(api, request, 422, error.message, error.field)

    @api.exception_handler(pydantic.ValidationError)
    def pydantic_invalid(request: HttpRequest, exc: pydantic.ValidationError) -> HttpResponse:
        error = first_invalid(exc.errors(include_url=False))
        return _answer(api, request, 422, error.message, error.field)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message if exc.message != "Unauthorized" else _("Authentication required.")
        response = _answer(api, request, 401, message)
        response["WWW-Authenticate"] = 'Bearer realm="serviceloop"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _answer(api, request, exc.status_code, exc.message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _answer(api, request, 404, _("Not found."))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A bug: keep the details in the log, never in the answer.
        logger.exception("Unhandled error in %s %s", request.method, request.path)
        return _answer(api, request, 500, "Internal error")
