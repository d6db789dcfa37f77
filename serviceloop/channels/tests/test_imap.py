"""IMAP polling against a real dovecot: stored once, moved only after storing, resumable when killed."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from serviceloop.channels.mail import imap
from serviceloop.channels.mail.imap import PollResult, poll_mailbox
from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.models import InboundMail, Mailbox

from .dovecot import free_port
from .mailfactory import build_mail

pytestmark = pytest.mark.django_db


def mails(count: int) -> list[bytes]:
    return [build_mail(subject=f"Question {n}", body=f"Question number {n}.") for n in range(count)]


def assert_each_stored_once(sent: list[bytes]) -> None:
    stored = [bytes(raw) for raw in InboundMail.objects.values_list("raw", flat=True)]
    assert sorted(stored) == sorted(sent)


def test_a_poll_stores_every_message_once_read_or_not_and_moves_it(imap_account):
    unread, read = mails(2), build_mail(subject="Opened by a colleague in Thunderbird")
    imap_account.append(*unread)
    imap_account.append(read, seen=True)
    mailbox = imap_account.mailbox(processed_folder="已处理")

    result = poll_mailbox(mailbox)

    assert (result.waiting, result.fetched, result.stored, result.removed) == (3, 3, 3, 3), result
    assert (result.duplicates, result.error) == (0, "")
    assert_each_stored_once([*unread, read])
    assert set(InboundMail.objects.values_list("source", "mailbox")) == {("imap", mailbox.pk)}
    assert (imap_account.count("INBOX"), imap_account.count("已处理")) == (0, 3)
    mailbox.refresh_from_db()
    assert mailbox.last_polled_at is not None and mailbox.last_error == ""


def test_fetching_leaves_unread_mail_unread(imap_account):
    imap_account.append(*mails(2))
    poll_mailbox(imap_account.mailbox())
    with imap_account.client() as client:
        client.folder.set("Serviceloop", readonly=True)
        flags = [message.flags for message in client.fetch(mark_seen=False, headers_only=True)]
    assert len(flags) == 2 and all("\\Seen" not in f for f in flags)


def test_a_second_poll_finds_nothing_to_do(imap_account):
    imap_account.append(*mails(2))
    mailbox = imap_account.mailbox()
    poll_mailbox(mailbox)
    again = poll_mailbox(mailbox)
    assert (again.waiting, again.fetched, again.stored, again.error) == (0, 0, 0, "")
    assert InboundMail.objects.count() == 2


class Killed(BaseException):
    """The worker process dying: no except or finally of ours may tidy up after it."""


def test_a_poll_killed_between_storing_and_moving_resumes_without_loss_or_duplicates(
    imap_account, monkeypatch
):
    sent = mails(10)
    imap_account.append(*sent)
    mailbox = imap_account.mailbox()
    monkeypatch.setattr(imap, "FETCH_BATCH", 3)
    real_remove, calls = imap._remove, []

    def remove_then_die(*args):
        calls.append(args)
        if len(calls) == 2:  # the second batch is stored, its messages are still in the INBOX
            raise Killed
        real_remove(*args)

    monkeypatch.setattr(imap, "_remove", remove_then_die)
    with pytest.raises(Killed):
        poll_mailbox(mailbox)
    assert InboundMail.objects.count() == 6 and imap_account.count("INBOX") == 7

    monkeypatch.setattr(imap, "_remove", real_remove)
    resumed = poll_mailbox(mailbox)

    assert (resumed.waiting, resumed.stored, resumed.duplicates, resumed.removed) == (7, 4, 3, 7)
    assert_each_stored_once(sent)
    assert (imap_account.count("INBOX"), imap_account.count("Serviceloop")) == (0, 10)


def test_a_limit_takes_the_oldest_messages_and_the_next_poll_the_rest(imap_account):
    sent = mails(5)
    imap_account.append(*sent)
    mailbox = imap_account.mailbox()
    first = poll_mailbox(mailbox, limit=2)
    assert (first.stored, imap_account.count("INBOX")) == (2, 3)
    assert_each_stored_once(sent[:2])
    assert poll_mailbox(mailbox).stored == 3
    assert_each_stored_once(sent)


def test_when_storing_fails_the_message_and_those_after_it_stay_on_the_server(imap_account, monkeypatch):
    sent = mails(4)
    imap_account.append(*sent)
    mailbox = imap_account.mailbox()
    real_store = imap.store

    def store_until_the_database_goes(raw, *args):
        if raw == sent[2]:
            raise OperationalError("server closed the connection unexpectedly")
        return real_store(raw, *args)

    monkeypatch.setattr(imap, "store", store_until_the_database_goes)
    result = poll_mailbox(mailbox)  # does not raise

    assert (result.stored, result.removed) == (2, 2)
    assert "OperationalError" in result.error
    mailbox.refresh_from_db()
    assert "server closed the connection" in mailbox.last_error
    assert imap_account.count("INBOX") == 2

    monkeypatch.setattr(imap, "store", real_store)
    assert poll_mailbox(mailbox).stored == 2
    assert_each_stored_once(sent)
    mailbox.refresh_from_db()
    assert mailbox.last_error == ""


def test_delete_mode_removes_the_messages_from_the_server(imap_account):
    imap_account.append(*mails(3))
    result = poll_mailbox(imap_account.mailbox(after_fetch=Mailbox.AfterFetch.DELETE))
    assert (result.stored, result.removed) == (3, 3)
    assert InboundMail.objects.count() == 3
    assert imap_account.count("INBOX") == 0
    with imap_account.client() as client:
        assert not client.folder.exists("Serviceloop")


def test_delete_mode_expunges_only_what_was_stored(imap_account):
    taken = build_mail(subject="Taken in this poll")
    later = build_mail(subject="Marked deleted by a colleague, not taken yet")
    imap_account.append(taken, later)
    with imap_account.client() as client:
        client.folder.set("INBOX")
        client.client.uid("STORE", client.uids()[1], "+FLAGS", r"(\Deleted)")
    poll_mailbox(imap_account.mailbox(after_fetch=Mailbox.AfterFetch.DELETE), limit=1)
    # A plain EXPUNGE would also have wiped the message a colleague marked, which was never stored.
    assert_each_stored_once([taken])
    assert imap_account.count("INBOX") == 1


def test_a_message_already_stored_is_moved_without_a_second_copy(imap_account):
    raw = build_mail(subject="Sent to two of our addresses")
    first = ingest(raw, InboundMail.Source.PIPE)
    imap_account.append(raw)
    result = poll_mailbox(imap_account.mailbox())
    assert (result.stored, result.duplicates, result.removed) == (0, 1, 1)
    assert list(InboundMail.objects.values_list("pk", flat=True)) == [first.pk]
    first.refresh_from_db()
    assert first.deliveries == 2
    assert imap_account.count("INBOX") == 0


def test_a_message_larger_than_the_limit_stays_on_the_server_and_is_reported(imap_account, settings):
    settings.MAIL_MAX_BYTES = 5000
    small, large = build_mail(), build_mail(body="x" * 6000)
    imap_account.append(small, large)
    mailbox = imap_account.mailbox()
    result = poll_mailbox(mailbox)
    assert (result.stored, result.too_large, result.removed) == (1, 1, 1)
    assert_each_stored_once([small])
    assert imap_account.count("INBOX") == 1
    mailbox.refresh_from_db()
    assert "larger than" in mailbox.last_error


def test_a_message_too_large_is_listed_by_its_headers_until_a_raised_limit_lets_it_in(imap_account, settings):
    settings.MAIL_MAX_BYTES = 5000
    subject = "振动视频 vibration video"
    large = build_mail(sender="=?utf-8?b?5p2O5Zub?= <li.si@customer.test>", subject=subject, body="x" * 6000)
    imap_account.append(large)
    mailbox = imap_account.mailbox()
    poll_mailbox(mailbox)
    mailbox.refresh_from_db()
    [entry] = mailbox.waiting_too_large
    assert (entry["from"], entry["from_name"], entry["subject"]) == ("li.si@customer.test", "李四", subject)
    assert entry["size"] > 5000 and entry["date"]
    assert InboundMail.objects.count() == 0 and imap_account.count("INBOX") == 1

    settings.MAIL_MAX_BYTES = 50_000
    result = poll_mailbox(mailbox)
    assert (result.stored, result.removed, result.too_large) == (1, 1, 0)
    mailbox.refresh_from_db()
    assert mailbox.waiting_too_large == [] and mailbox.last_error == ""


def test_a_poll_that_stops_early_keeps_the_last_list_of_large_messages(imap_account):
    mailbox = imap_account.mailbox(imap_password="wrong")
    listed = [{"uid": "7", "size": 9_000_000, "from": "a@b.test", "subject": "x", "date": ""}]
    Mailbox.objects.filter(pk=mailbox.pk).update(waiting_too_large=listed)
    poll_mailbox(mailbox)
    mailbox.refresh_from_db()
    assert mailbox.waiting_too_large == listed  # not known to be gone: the poll never saw the folder


def test_a_wrong_password_is_recorded_and_does_not_raise(imap_account):
    imap_account.append(*mails(1))
    mailbox = imap_account.mailbox(imap_password="wrong")
    result = poll_mailbox(mailbox)
    assert result.fetched == 0 and "MailboxLoginError" in result.error
    mailbox.refresh_from_db()
    assert "MailboxLoginError" in mailbox.last_error and mailbox.last_polled_at is not None
    assert InboundMail.objects.count() == 0 and imap_account.count("INBOX") == 1


def test_a_server_that_does_not_answer_is_recorded_and_does_not_raise(db):
    mailbox = Mailbox.objects.create(
        name="Gone", address="gone@serviceloop.test", imap_host="127.0.0.1", imap_port=free_port(),
        imap_security=Mailbox.Security.PLAIN, imap_user="x", imap_password="y",
    )  # fmt: skip
    result = poll_mailbox(mailbox)
    assert "ConnectionRefusedError" in result.error
    mailbox.refresh_from_db()
    assert "ConnectionRefusedError" in mailbox.last_error


def test_a_missing_folder_is_recorded(imap_account):
    mailbox = imap_account.mailbox(imap_folder="Support/Does-not-exist")
    assert "MailboxFolderSelectError" in poll_mailbox(mailbox).error


def test_batches_hold_a_bounded_number_of_messages_and_bytes(monkeypatch, settings):
    monkeypatch.setattr(imap, "FETCH_BATCH", 3)
    monkeypatch.setattr(imap, "FETCH_BATCH_BYTES", 100)
    settings.MAIL_MAX_BYTES = 500
    sizes = {"1": 10, "2": 10, "3": 10, "4": 10, "5": 90, "6": 400, "7": 600, "8": 5}
    result = PollResult()
    assert list(imap._batches(sizes, result)) == [["1", "2", "3"], ["4", "5"], ["6"], ["8"]]
    assert result.too_large == 1
