"""SQLite whose writers queue in the kernel instead of polling.

When a connection wants the write lock another one holds, SQLite's busy handler sleeps 1, 2, 5,
10... ms between tries, so a waiting writer idles long after the lock is free: with two web workers
each spent about a third of its time asleep there. Here every transaction (all begin IMMEDIATE,
that is with the write lock) first takes an exclusive flock on a file beside the database, so a
waiter wakes the moment the holder commits, and the kernel frees the lock if the holder dies.
The busy handler stays as the fallback for a write outside a transaction.

Checkpoints are moved off the write lock too. By default the commit that takes the WAL past 1,000
pages copies it into the database file (and, with synchronous=NORMAL, syncs it) while still holding
the write lock: about one commit in thirty stalled every other writer for 3 to 10 ms. Here a
connection checkpoints PASSIVE-ly after a commit, once the lock is released, at most every
CHECKPOINT_EVERY seconds; a checkpoint does not block writers. The automatic checkpoint stays,
at WAL_SAFETY_PAGES, for a process that writes a lot and seldom commits through here.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from typing import Any

from django.db.backends.sqlite3 import base

CHECKPOINT_EVERY = 1.0  # seconds
WAL_SAFETY_PAGES = 20_000  # about 80 MB of WAL


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writer_lock: int | None = None
        self._checkpointed_at = time.monotonic()

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            connection.execute(f"PRAGMA wal_autocheckpoint={WAL_SAFETY_PAGES}")
        return connection

    def _start_transaction_under_autocommit(self) -> None:
        if not self.is_in_memory_db():
            self._writer_lock = os.open(f"{self.settings_dict['NAME']}-writers.lock", os.O_RDWR | os.O_CREAT)
            fcntl.flock(self._writer_lock, fcntl.LOCK_EX)
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private in django-stubs
        except BaseException:
            self._release_writer_lock()
            raise

    def _release_writer_lock(self) -> None:
        if self._writer_lock is not None:
            os.close(self._writer_lock)  # closing the descriptor drops the flock
            self._writer_lock = None

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private in django-stubs
        finally:
            self._release_writer_lock()
        self._checkpoint_if_due()

    def _checkpoint_if_due(self) -> None:
        now = time.monotonic()
        due = now - self._checkpointed_at >= CHECKPOINT_EVERY
        if not due or self.connection is None or self.is_in_memory_db():
            return
        self._checkpointed_at = now
        # Busy: another connection is checkpointing, which does the same work.
        with contextlib.suppress(sqlite3.OperationalError):
            self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private in django-stubs
        finally:
            self._release_writer_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # private in django-stubs
        finally:
            self._release_writer_lock()
