"""An API client that signs requests with a user's token and checks every answer against the schema.

Each response's status must be declared by its operation in openapi.json, so a test that provokes
an error also proves the document tells clients about it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest
from django.test import Client

from serviceloop.accounts.services import issue_api_token
from serviceloop.api.api import api as ninja_api

PREFIX = "/api/v1"


@cache
def openapi() -> dict[str, Any]:
    return ninja_api.get_openapi_schema(path_prefix=PREFIX + "/")


@cache
def _routes() -> list[tuple[re.Pattern, str, dict[str, Any]]]:
    routes = []
    for template, operations in openapi()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method, operation in operations.items():
            routes.append((pattern, method.upper(), operation))
    # Literal paths (/users/me) before templated ones (/users/{user_id}).
    return sorted(routes, key=lambda r: "[^/]+" in r[0].pattern)


def operation_for(method: str, path: str) -> dict[str, Any]:
    for pattern, route_method, operation in _routes():
        if route_method == method and pattern.match(path):
            return operation
    raise AssertionError(f"No operation for {method} {path}")


class ApiClient:
    def __init__(self, token: str | None = None):
        self.client = Client()
        self.extra: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def _checked(self, method: str, path: str, response: Any) -> Any:
        declared = operation_for(method, PREFIX + path.split("?")[0])["responses"]
        assert response.status_code in declared, (method, path, response.status_code, sorted(declared))
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"detail", "field"} and body["detail"], body
        return response

    def get(self, path: str, data: Any = None, **extra: Any) -> Any:
        response = self.client.get(PREFIX + path, data, **self.extra, **extra)
        return self._checked("GET", path, response)

    def post(self, path: str, data: Any = None, *, raw: str | None = None, **extra: Any) -> Any:
        body = raw if raw is not None else json.dumps(data or {})
        response = self.client.post(PREFIX + path, body, "application/json", **self.extra, **extra)
        return self._checked("POST", path, response)

    def upload(self, path: str, data: dict[str, Any]) -> Any:
        return self._checked("POST", path, self.client.post(PREFIX + path, data, **self.extra))

    def patch(self, path: str, data: Any) -> Any:
        response = self.client.patch(PREFIX + path, json.dumps(data), "application/json", **self.extra)
        return self._checked("PATCH", path, response)


@pytest.fixture
def client_for():
    """client_for(user) -> an ApiClient authenticated with a fresh token of `user` (None: no token)."""

    def make(user: Any = None, token: str | None = None) -> ApiClient:
        return ApiClient(token or (issue_api_token(user) if user is not None else None))

    return make
