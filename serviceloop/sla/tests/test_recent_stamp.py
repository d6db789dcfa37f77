"""A revision reading is shared by the subscribers of one new ticket, and never trusted for longer."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.sla.services import matching


def test_a_reading_of_a_moment_ago_is_reused_and_an_old_one_is_not(db, monkeypatch):
    matching.read_stamp()
    with CaptureQueriesContext(connection) as fresh:
        matching.recent_stamp()
    assert len(fresh) == 0
    read_at = time.monotonic()
    monkeypatch.setattr(matching.time, "monotonic", lambda: read_at + 2)
    with CaptureQueriesContext(connection) as stale:
        matching.recent_stamp()
    assert len(stale) == 1
