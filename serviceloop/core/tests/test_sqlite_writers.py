"""The SQLite backend queues writers on a file lock that every way out of a transaction releases."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import ConnectionHandler

from serviceloop.core.sqlite import base as sqlite_backend

ALIAS = "default"  # of a handler of its own, not django.db.connections


def open_connection(path: Path) -> Any:
    settings = {
        "ENGINE": "serviceloop.core.sqlite",
        "NAME": str(path),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
    }
    return ConnectionHandler({ALIAS: settings})[ALIAS]


@contextmanager
def transaction(connection: Any) -> Iterator[None]:
    """What transaction.atomic does on SQLite, for a connection outside django.db.connections."""
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()
    try:
        yield
    except BaseException:
        connection.rollback()
        raise
    connection.commit()


@pytest.fixture
def database(tmp_path: Path, django_db_blocker: Any) -> Iterator[tuple[Any, Path]]:
    """A database file of the test's own: the suite's in-memory database takes no lock."""
    path = tmp_path / "db.sqlite3"
    with django_db_blocker.unblock():
        connection = open_connection(path)
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE item (name TEXT)")
        yield connection, Path(f"{path}-writers.lock")
        connection.close()


def lock_is_free(lock: Path) -> bool:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def insert(connection: Any, name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO item VALUES (%s)", [name])


def names(connection: Any) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM item ORDER BY rowid")
        return [row[0] for row in cursor.fetchall()]


def test_a_transaction_holds_the_lock_until_it_commits(database):
    connection, lock = database
    with transaction(connection):
        insert(connection, "a")
        assert not lock_is_free(lock)
    assert lock_is_free(lock)
    assert names(connection) == ["a"]


def test_a_rollback_releases_the_lock_and_keeps_nothing(database):
    connection, lock = database
    with pytest.raises(RuntimeError), transaction(connection):
        insert(connection, "a")
        raise RuntimeError("processing failed")
    assert lock_is_free(lock)
    assert names(connection) == []


def test_closing_mid_transaction_releases_the_lock(database):
    connection, lock = database
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()
    insert(connection, "a")
    assert not lock_is_free(lock)
    connection.close()  # as when a request's connection is dropped after an error
    assert lock_is_free(lock)
    assert names(connection) == []


def test_a_second_writer_waits_for_the_first_then_goes_on(database):
    connection, _lock = database
    waiting, done = threading.Event(), threading.Event()

    def second_writer() -> None:
        other = open_connection(Path(connection.settings_dict["NAME"]))
        waiting.set()
        with transaction(other):
            insert(other, "second")
        other.close()
        done.set()

    with transaction(connection):
        insert(connection, "first")
        thread = threading.Thread(target=second_writer)
        thread.start()
        waiting.wait(5)
        # Blocked on the lock the first writer holds; it cannot have written yet.
        assert not done.wait(0.2)
    thread.join(10)
    assert done.is_set()
    assert names(connection) == ["first", "second"]


def pragma(connection: Any, name: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_the_automatic_checkpoint_is_only_a_safety_net(database):
    connection, _lock = database
    connection.ensure_connection()
    assert pragma(connection, "wal_autocheckpoint") == sqlite_backend.WAL_SAFETY_PAGES


def test_the_wal_is_checkpointed_after_a_commit_once_due_not_at_every_commit(database):
    connection, lock = database
    path = Path(connection.settings_dict["NAME"])
    connection.ensure_connection()
    connection._checkpointed_at = time.monotonic()  # just checkpointed: none due for a while
    size = path.stat().st_size
    with transaction(connection):
        for n in range(2000):
            insert(connection, f"item {n:04d} " + "x" * 200)
    assert path.stat().st_size == size  # the rows are in the WAL only
    connection._checkpointed_at -= sqlite_backend.CHECKPOINT_EVERY  # now one is due
    with transaction(connection):
        insert(connection, "last")
    assert path.stat().st_size > size  # copied into the database file, after the commit
    assert lock_is_free(lock)
    assert len(names(connection)) == 2001
