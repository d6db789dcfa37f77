"""rows.insert writes what Model.save() would, with the statement made once per model (and row count)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection, models, transaction
from django.db.models.manager import BaseManager
from django.test.utils import CaptureQueriesContext, isolate_apps

from serviceloop.core import rows
from serviceloop.customers.models import Organisation
from serviceloop.tickets.models import Ticket, TicketEvent


def test_an_inserted_row_reads_back_as_saved(world):
    ticket = world.ticket()
    at = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    data = {"rule": "Leaks", "tags": ["hydraulics", "漏油"], "n": 2, "none": None}
    event = TicketEvent(ticket=ticket, name="test.inserted", actor_id=None, at=at, field="team",
                        old_value="", new_value="Experts 专家", data=data)  # fmt: skip
    rows.insert(event)
    assert event.pk is not None and not event._state.adding
    stored = TicketEvent.objects.get(pk=event.pk)
    assert (stored.ticket_id, stored.name, stored.actor_id) == (ticket.pk, "test.inserted", None)
    assert (stored.at, stored.field, stored.old_value) == (at, "team", "")
    assert (stored.new_value, stored.data) == ("Experts 专家", data)


def test_defaults_are_filled_as_save_fills_them(world):
    ticket = world.ticket()
    first, second = TicketEvent(ticket=ticket, name="test.a"), TicketEvent(ticket=ticket, name="test.b")
    rows.insert(first)
    rows.insert(second)  # the cached statement, again
    assert second.pk > first.pk
    stored = TicketEvent.objects.get(pk=second.pk)
    assert stored.data == {} and stored.channel == "" and stored.at == second.at


def test_a_column_the_database_computes_is_read_back_when_used(world):
    ticket = world.ticket()  # written by rows.insert; due_sort is generated from due_at
    assert "due_sort" not in ticket.__dict__
    assert ticket.due_sort == Ticket.objects.values_list("due_sort", flat=True).get(pk=ticket.pk)


def test_many_rows_go_in_one_statement_each_with_its_own_key(world, django_assert_num_queries):
    ticket = world.ticket()
    names = ["test.one", "test.two", "test.三"]
    events = [TicketEvent(ticket=ticket, name=name, new_value=name.upper()) for name in names]
    with django_assert_num_queries(1):
        rows.insert_many(events)
    assert all(not event._state.adding for event in events)
    stored = dict(TicketEvent.objects.filter(pk__in=[e.pk for e in events]).values_list("pk", "name"))
    assert [stored[event.pk] for event in events] == names  # each instance got its own row's key
    assert len(set(stored)) == 3


def test_many_rows_of_mixed_models_are_refused(world):
    ticket = world.ticket()
    with pytest.raises(TypeError, match="one model"):
        rows.insert_many([TicketEvent(ticket=ticket, name="test.a"), Ticket(subject="x")])
    assert not TicketEvent.objects.filter(name="test.a").exists()


def test_no_rows_write_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        rows.insert_many([])


@pytest.mark.django_db(transaction=True)
def test_a_row_inserted_committed_outlives_the_work_that_fails_after_it():
    from serviceloop.channels.models import Receipt

    receipt = Receipt(source="api", payload={"subject": "主轴异响"})
    with CaptureQueriesContext(connection) as statements:
        rows.insert_committed(receipt)
    with pytest.raises(RuntimeError), transaction.atomic():
        Receipt.objects.filter(pk=receipt.pk).update(error="processing died")
        raise RuntimeError("processing died")
    stored = Receipt.objects.get(pk=receipt.pk)
    assert (stored.payload, stored.error) == ({"subject": "主轴异响"}, "")
    sent = [q["sql"].split()[0] for q in statements.captured_queries]
    # PostgreSQL commits a lone statement by itself; SQLite's writers queue at BEGIN (core.sqlite).
    assert sent == (["BEGIN", "INSERT", "COMMIT"] if connection.vendor == "sqlite" else ["INSERT"])


def test_a_row_read_by_key_is_the_one_the_orm_reads(world):
    ticket = world.ticket(subject="主轴异响", tags=["hydraulics"])
    event = TicketEvent.objects.filter(ticket=ticket).earliest("pk")
    for model, pk in ((Ticket, ticket.pk), (TicketEvent, event.pk), (Organisation, world.org.pk)):
        read, expected = rows.get(model, pk), model.objects.get(pk=pk)
        assert read is not None and not read._state.adding
        for field in model._meta.concrete_fields:
            assert getattr(read, field.attname) == getattr(expected, field.attname), field.name


def test_a_missing_row_reads_as_none(db):
    assert rows.get(Organisation, 2**62) is None


def test_a_manager_that_filters_its_rows_is_asked_instead(world, monkeypatch):
    unfiltered = BaseManager.get_queryset
    monkeypatch.setattr(models.Manager, "get_queryset", lambda manager: unfiltered(manager).none())
    assert rows.get(Organisation, world.org.pk) is None


@isolate_apps("serviceloop.core")
def test_a_model_with_database_defaults_is_refused():
    class Stamped(models.Model):
        made = models.IntegerField(db_default=1)

        def __str__(self) -> str:
            return str(self.made)

    with pytest.raises(ValueError, match="database defaults"):
        rows.insert(Stamped())


def test_an_update_writes_the_named_fields_only(world):
    ticket = world.ticket(subject="Spindle noise")
    ticket.subject, ticket.received_at, ticket.channel = "主轴异响", datetime(2026, 1, 2, tzinfo=UTC), "chat"
    rows.update(ticket, ["subject", "received_at"])
    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.subject, stored.received_at) == ("主轴异响", datetime(2026, 1, 2, tzinfo=UTC))
    assert stored.channel != "chat"
