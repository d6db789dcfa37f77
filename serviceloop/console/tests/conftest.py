from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from serviceloop.accounts.models import User


@pytest.fixture
def login() -> Callable[..., Client]:
    """A test client signed in as `user`."""

    def make(user: User, **kwargs) -> Client:
        client = Client(**kwargs)
        client.force_login(user)
        return client

    return make


@pytest.fixture
def count_queries() -> Callable[[Callable[[], object]], int]:
    """How many SQL queries `fn` makes."""

    def run(fn: Callable[[], object]) -> int:
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    return run


def text_of(response) -> str:
    return response.content.decode()


def numbers_in(html: str) -> list[str]:
    """Ticket numbers in the queue table's rows, in order."""
    return re.findall(r'data-row-href="/console/tickets/([^/]+)/"', html)
