"""The embedded task queue keeps the main database's durability: WAL, synchronous=NORMAL."""

from __future__ import annotations

from serviceloop.core.task_queue import sqlite_huey


def test_the_queue_file_is_wal_with_normal_sync(tmp_path):
    queue = sqlite_huey("test", filename=str(tmp_path / "queue.sqlite3"), immediate=False)
    connection = queue.storage.conn
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert connection.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL, SQLite's default is FULL


def test_tasks_go_in_and_come_out(tmp_path):
    queue = sqlite_huey("test", filename=str(tmp_path / "queue.sqlite3"), immediate=False)

    @queue.task()
    def add(a: int, b: int) -> int:
        return a + b

    result = add(2, 3)
    assert queue.pending_count() == 1
    queue.execute(queue.dequeue())
    assert result.get() == 5
