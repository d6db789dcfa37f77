"""Schemathesis generates requests from openapi.json and checks every answer against it.

Each operation is called with valid and invalid data under a staff token: no answer may be a 500,
every status must be one the operation declares, and every body must match its declared schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from serviceloop.accounts.services import issue_api_token
from serviceloop.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection():
    """The app is called as plain WSGI, which closes the database connection after each request;
    Django's own test client switches that off, and so must this test, or the test transaction dies."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world, keep_connection):
    world.ticket()  # something to read, update and move
    return issue_api_token(world.supervisor)


# Runs on SQLite and PostgreSQL alike: text with NUL characters, which PostgreSQL cannot store or
# compare, is refused with 422 on both (test_nul_characters.py pins each case this test once found).
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
