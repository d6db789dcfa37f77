"""The embedded task queue's storage: Huey's SQLite queue, as durable as the main database.

Huey opens its SQLite file in WAL mode with SQLite's default synchronous=FULL, which waits for the
disk on every enqueue: one fsync per ticket opened (its acknowledgement mail), about a third of a
request's wall time. The main database runs WAL with synchronous=NORMAL, which can lose the last
commits on a power cut but never corrupts; the queue now runs the same way, so a ticket and the
task queued after its commit are kept or lost together.
"""

from __future__ import annotations

import sqlite3

from huey import Huey
from huey.storage import SqliteStorage


class DurableAsTheDatabaseStorage(SqliteStorage):
    def _create_connection(self) -> sqlite3.Connection:
        connection = super()._create_connection()
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection


def sqlite_huey(name: str, filename: str, immediate: bool) -> Huey:
    return Huey(name, storage_class=DurableAsTheDatabaseStorage, filename=filename, immediate=immediate)
