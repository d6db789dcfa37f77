"""Notifications are stored before they are mailed, mailed once, retried, and read by their owner only."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from serviceloop.conftest import make_user
from serviceloop.core.roles import Role
from serviceloop.notifications import services, tasks
from serviceloop.notifications.models import Notification
from serviceloop.notifications.services import Text

pytestmark = pytest.mark.django_db


def hello(user) -> Text:
    return Text(f"Hello {user.username}", f"It is {timezone.localtime():%Z}")


def test_each_person_gets_one_in_their_own_zone_and_it_is_mailed_after_commit(
    django_capture_on_commit_callbacks,
):
    anna = make_user(Role.SUPERVISOR, time_zone="Asia/Shanghai")
    ben = make_user(Role.MANAGER)
    ben.email = ""
    ben.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify([anna, ben, anna, None], "test", hello)
    rows = {n.recipient: n for n in Notification.objects.all()}
    assert set(rows) == {anna, ben}
    assert rows[anna].body == "It is CST" and rows[ben].body == "It is UTC"
    assert rows[ben].mail == Notification.Mail.NONE  # no address, no mail
    assert rows[anna].mail == Notification.Mail.PENDING and mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[anna.email]]
    rows[anna].refresh_from_db()
    assert rows[anna].mail == Notification.Mail.SENT and rows[anna].mailed_at is not None
    services.send_mail(rows[anna].pk)
    assert len(mail.outbox) == 1  # never twice


def test_a_refused_mail_stays_waiting_and_gives_up_after_five_tries(monkeypatch):
    anna = make_user(Role.SUPERVISOR)
    [row] = services.notify([anna], "test", hello)

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert services.send_mail(row.pk) is False
    row.refresh_from_db()
    assert (row.mail, row.mail_tries) == (Notification.Mail.PENDING, 1)
    Notification.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert services.waiting_mail() == [row.pk]
    for _ in range(4):
        tasks.mail_waiting_notifications.call_local()
    row.refresh_from_db()
    assert (row.mail, row.mail_tries) == (Notification.Mail.FAILED, 5)
    assert services.waiting_mail() == []


def test_people_read_and_mark_only_their_own():
    anna, ben = make_user(Role.SUPERVISOR), make_user(Role.AGENT)
    services.notify([anna, ben], "test", hello, mail=False)
    services.notify([anna], "test", hello, mail=False)
    assert services.unread_count(anna) == 2
    bens = Notification.objects.get(recipient=ben)
    assert services.mark_read(anna, [bens.pk]) == 0
    assert services.unread_count(ben) == 1
    assert services.mark_read(anna) == 2 and services.unread_count(anna) == 0


def test_people_who_left_are_not_told():
    gone = make_user(Role.SUPERVISOR, is_active=False)
    assert services.notify([gone], "test", hello) == []


def test_a_title_is_one_line_so_it_can_be_a_subject(django_capture_on_commit_callbacks):
    anna = make_user(Role.SUPERVISOR)
    with django_capture_on_commit_callbacks(execute=True):
        [row] = services.notify([anna], "test", lambda user: Text("Spindle\r\nnoise  again\n"))
    row.refresh_from_db()
    assert row.title == "Spindle noise again" and row.mail == Notification.Mail.SENT
    assert mail.outbox[-1].subject == "Spindle noise again"


def test_a_mail_being_sent_is_not_sent_again_unless_its_sender_died():
    anna = make_user(Role.SUPERVISOR)
    [row] = services.notify([anna], "test", hello)
    Notification.objects.filter(pk=row.pk).update(
        mail=Notification.Mail.SENDING, mail_claimed_at=timezone.now()
    )
    assert services.send_mail(row.pk) is True and mail.outbox == []
    Notification.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(minutes=30),
        mail_claimed_at=timezone.now() - timedelta(minutes=11),
    )
    assert services.waiting_mail() == [row.pk]
    services.send_mail(row.pk)
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.mail == Notification.Mail.SENT


def test_a_mail_that_cannot_be_composed_fails_alone_and_the_others_go(monkeypatch):
    anna, ben = make_user(Role.SUPERVISOR), make_user(Role.MANAGER)
    broken, fine = services.notify([anna, ben], "test", hello)
    real = services._mail_of

    def compose(notification):
        if notification.pk == broken.pk:
            raise ValueError("Header values may not contain linefeed or carriage return characters")
        return real(notification)

    monkeypatch.setattr(services, "_mail_of", compose)
    tasks.mail_notifications.call_local([broken.pk, fine.pk])
    assert [m.to for m in mail.outbox] == [[ben.email]]
    broken.refresh_from_db()
    assert (broken.mail, broken.mail_tries) == (Notification.Mail.PENDING, 1)


def _titled(title: str) -> services.Render:
    def render(user) -> Text:
        return Text(title)

    return render


def test_the_console_list_pages_through_everything_a_person_was_told(client):
    anna = make_user(Role.SUPERVISOR)
    for n in range(55):
        services.notify([anna], "test", _titled(f"Note number {n:03d}"), mail=False)
    client.force_login(anna)
    first = client.get("/console/notifications/").content.decode()
    second = client.get("/console/notifications/?page=2").content.decode()
    assert "Note number 054" in first and "Note number 005" in first and "Note number 004" not in first
    assert "Note number 004" in second and "Note number 000" in second and "Note number 054" not in second
    assert 'href="?page=2"' in first
    for nonsense in ("0", "-1", "abc", "²", "99999999999999999999"):
        assert client.get("/console/notifications/", {"page": nonsense}).status_code == 200
