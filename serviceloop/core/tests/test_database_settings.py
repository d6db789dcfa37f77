"""PostgreSQL binds parameters on the server and prepares statements a connection runs often."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from serviceloop.tickets.models import Ticket


def _settings(**env: str) -> subprocess.CompletedProcess[str]:
    script = "import json, serviceloop.settings as s;"
    script += " print(json.dumps(s.DATABASES['default'].get('OPTIONS')))"
    inherited = {k: v for k, v in os.environ.items() if k != "DATABASE_PREPARE_THRESHOLD"}
    environ = {**inherited, "DJANGO_SETTINGS_MODULE": "serviceloop.settings", **env}
    return subprocess.run([sys.executable, "-c", script], env=environ, capture_output=True, text=True)


def _options(**env: str) -> dict[str, object]:
    out = _settings(**env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout) or {}


def test_postgresql_prepares_statements_unless_turned_off():
    url = "postgres://someone@127.0.0.1:5432/somewhere"
    assert _options(DATABASE_URL=url) == {"server_side_binding": True, "prepare_threshold": 5}
    assert _options(DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="2")["prepare_threshold"] == 2
    assert _options(DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="off") == {}
    assert "prepare_threshold" not in _options(DATABASE_URL="")  # SQLite has nothing to prepare


def test_a_threshold_that_is_not_a_number_is_refused_with_what_to_write():
    out = _settings(
        DATABASE_URL="postgres://someone@127.0.0.1:5432/somewhere", DATABASE_PREPARE_THRESHOLD="often"
    )
    assert out.returncode != 0
    assert "DATABASE_PREPARE_THRESHOLD must be a whole number of runs or 'off', not 'often'" in out.stderr


@pytest.mark.django_db
def test_a_statement_run_often_is_prepared_once_on_the_connection(world):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    ticket = world.ticket(subject="主轴异响 spindle noise")

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall() if "tickets_ticket" in row[0]]

    before = prepared()
    for _ in range(6):
        assert Ticket.objects.get(pk=ticket.pk).subject == "主轴异响 spindle noise"
    new = [statement for statement in prepared() if statement not in before]
    assert len(new) == 1 and "$1" in new[0]  # bound by the server, prepared once
