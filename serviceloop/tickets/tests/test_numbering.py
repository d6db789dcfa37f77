"""Ticket numbers: a row per year on SQLite, a sequence per year on PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serviceloop.tickets.models import TicketNumberSequence
from serviceloop.tickets.services.numbering import next_ticket_number, reserve_ticket_numbers


def test_numbers_handed_out_in_a_batch_are_new_and_increasing(db):
    with transaction.atomic():
        first = reserve_ticket_numbers(2031, 3)
        second = reserve_ticket_numbers(2031, 2)
    assert first == [1, 2, 3] and second == [4, 5]
    assert next_ticket_number(2031) == "SL-2031-000006"


def test_a_years_numbers_go_on_from_its_row(world):
    """A database numbered by the yearly row before (or restored with one) goes on after its last."""
    TicketNumberSequence.objects.create(year=2030, last=41)
    assert next_ticket_number(2030) == "SL-2030-000042"
    assert next_ticket_number(2029) == "SL-2029-000001"


def test_postgresql_takes_a_number_without_locking_the_years_row(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's writers take turns anyway: the yearly row stays")
    world.ticket()  # the year's sequence exists now
    with CaptureQueriesContext(connection) as statements:
        world.ticket(received_at=timezone.now() - timedelta(minutes=1))
    sent = " ".join(q["sql"] for q in statements.captured_queries)
    assert "nextval" in sent and "tickets_ticketnumbersequence" not in sent


def test_a_role_that_may_not_create_a_sequence_numbers_on_the_yearly_row(db, caplog):
    if connection.vendor != "postgresql":
        pytest.skip("sequences are PostgreSQL's")
    role = f"sl_no_create_{uuid.uuid4().hex[:12]}"  # roles are shared by the databases tests run in
    table = TicketNumberSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")  # undone with the test's transaction
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE ON {table} TO {role}")
        cursor.execute(f"REVOKE CREATE ON SCHEMA public FROM {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
    assert [next_ticket_number(2033), next_ticket_number(2033)] == ["SL-2033-000001", "SL-2033-000002"]
    assert TicketNumberSequence.objects.get(year=2033).last == 2
    assert "stay on the yearly row" in caplog.text
