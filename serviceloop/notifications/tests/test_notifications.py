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
