"""The task queue's side of IMAP polling: which mailboxes are polled, and never two polls of one at once."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from serviceloop.channels import tasks
from serviceloop.channels.models import InboundMail, Mailbox

from .mailfactory import build_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def polled(monkeypatch) -> list[int]:
    seen: list[int] = []

    def record(mailbox, **kwargs):
        seen.append(mailbox.pk)
        kwargs["progress"](None)  # what a poll does after each batch: the lock is fresh again
        assert time.time() - HUEY.get(tasks.PollLock(mailbox.pk).key, peek=True) < 5

    monkeypatch.setattr(tasks, "poll_mailbox", record)
    return seen


def imap_mailbox(name: str, **fields) -> Mailbox:
    values = {"name": name, "address": f"{name}@serviceloop.test", "imap_host": "127.0.0.1"}
    values.update(fields)
    return Mailbox.objects.create(**values)


def test_the_minute_task_polls_the_active_imap_mailboxes_that_are_due(polled, settings):
    settings.MAIL_POLL_SECONDS = 300
    due = imap_mailbox("due")
    long_ago = imap_mailbox("long-ago", last_polled_at=timezone.now() - timedelta(minutes=5))
    imap_mailbox("just-polled", last_polled_at=timezone.now() - timedelta(minutes=2))
    imap_mailbox("inactive", is_active=False)
    imap_mailbox("smtp-only", imap_host="")
    tasks.poll_mailboxes()
    assert sorted(polled) == sorted([due.pk, long_ago.pk])


def test_a_mailbox_being_polled_is_not_polled_again_at_the_same_time(polled):
    mailbox = imap_mailbox("support")
    lock = tasks.PollLock(mailbox.pk)
    assert lock.acquire()
    try:
        assert not tasks.PollLock(mailbox.pk).acquire()
        tasks.poll_mailbox_task(mailbox.pk)
        assert polled == []
    finally:
        lock.release()
    tasks.poll_mailbox_task(mailbox.pk)
    assert polled == [mailbox.pk]
    assert lock.acquire()  # released after the poll
    lock.release()


def test_a_lock_left_by_a_killed_worker_is_taken_over_once_stale(polled):
    mailbox = imap_mailbox("support")
    lock = tasks.PollLock(mailbox.pk)
    HUEY.put(lock.key, time.time() - tasks.POLL_LOCK_STALE_SECONDS - 1)
    tasks.poll_mailbox_task(mailbox.pk)
    assert polled == [mailbox.pk]
    assert lock.acquire()  # released after the poll
    lock.release()


def test_the_poll_task_fetches_from_the_real_server(imap_account):
    imap_account.append(build_mail())
    mailbox = imap_account.mailbox()
    tasks.poll_mailbox_task(mailbox.pk)
    assert InboundMail.objects.filter(mailbox=mailbox).count() == 1
    assert imap_account.count("INBOX") == 0
