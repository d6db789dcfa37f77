"""SQLite whose writers queue in the kernel instead of polling.

When a connection wants the write lock another one holds, SQLite's busy handler sleeps 1, 2, 5,
10... ms between tries, so a waiting writer idles long after the lock is free: with two web workers
each spent about a third of its time asleep there. Here every transaction (all begin IMMEDIATE,
that is with the write lock) first takes an exclusive flock on a file beside the database, so a
waiter wakes the moment the holder commits, and the kernel frees the lock if the holder dies.
The busy handler stays as the fallback for a write outside a transaction.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writer_lock: int | None = None

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
