"""The SMTP/LMTP receiver over real connections: 250 once stored, 552 too large, 451 when storing failed."""

from __future__ import annotations

import os
import signal
import smtplib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import OperationalError

from serviceloop.channels.mail import receiver
from serviceloop.channels.mail.receiver import ReceiverController
from serviceloop.channels.models import InboundMail, Mailbox

from .dovecot import free_port
from .mailfactory import build_mail

# The server stores from its own thread: the test's data must be committed to be seen there.
pytestmark = pytest.mark.django_db(transaction=True)

SENDER = "anna@mueller.test"


def start(lmtp: bool = False) -> ReceiverController:
    controller = ReceiverController("127.0.0.1", free_port(), lmtp=lmtp)
    controller.start()
    return controller


@pytest.fixture
def smtp_server() -> Iterator[ReceiverController]:
    controller = start()
    yield controller
    controller.stop()


@pytest.fixture
def lmtp_server() -> Iterator[ReceiverController]:
    controller = start(lmtp=True)
    yield controller
    controller.stop()


def test_a_mail_sent_over_smtp_is_stored_for_the_mailbox_it_was_sent_to(smtp_server):
    mailbox = Mailbox.objects.create(name="Support", address="support@serviceloop.test")
    raw = build_mail(to="Support <Support@Serviceloop.test>")
    with smtplib.SMTP(smtp_server.hostname, smtp_server.port, timeout=10) as client:
        refused = client.sendmail(SENDER, ["Support@Serviceloop.test"], raw)
        code, _ = client.noop()
    assert refused == {} and code == 250
    mail = InboundMail.objects.get()
    assert (bytes(mail.raw), mail.source, mail.mailbox_id) == (raw, InboundMail.Source.SMTP, mailbox.pk)


def test_the_reply_to_data_comes_after_the_mail_is_stored(smtp_server):
    with smtplib.SMTP(smtp_server.hostname, smtp_server.port, timeout=10) as client:
        client.ehlo()
        client.mail(SENDER)
        client.rcpt("someone-else@serviceloop.test")
        code, message = client.data(build_mail(body="A line of dots:\r\n.\r\n..\r\nend"))
        assert code == 250 and b"Stored" in message
        assert InboundMail.objects.count() == 1  # already there when the 250 arrived
    mail = InboundMail.objects.get()
    assert mail.mailbox is None and b"\r\n.\r\n..\r\nend" in bytes(mail.raw)


def test_lmtp_answers_once_per_recipient_and_stores_the_mail_once(lmtp_server):
    raw = build_mail()
    with smtplib.LMTP(lmtp_server.hostname, lmtp_server.port, timeout=10) as client:
        client.ehlo()  # sends LHLO
        client.mail(SENDER)
        client.rcpt("support@serviceloop.test")
        client.rcpt("sales@serviceloop.test")
        first = client.data(raw)
        second = client.getreply()  # RFC 2033; smtplib's sendmail would read only the first
        code, _ = client.noop()  # the conversation is still in step
    assert first[0] == second[0] == code == 250
    assert InboundMail.objects.get().raw == raw


def test_a_mail_larger_than_the_limit_is_refused_with_552(settings):
    settings.MAIL_MAX_BYTES = 2000
    controller = start()
    try:
        large = build_mail(body="x" * 3000)
        with smtplib.SMTP(controller.hostname, controller.port, timeout=10) as client:
            with pytest.raises(smtplib.SMTPSenderRefused) as announced:  # SIZE=... in MAIL FROM
                client.sendmail(SENDER, ["support@serviceloop.test"], large)
            assert announced.value.smtp_code == 552
            client.rset()
            client.mail(SENDER)  # a client that does not announce the size
            client.rcpt("support@serviceloop.test")
            code, _ = client.data(large)
            assert code == 552
    finally:
        controller.stop()
    assert InboundMail.objects.count() == 0


def test_when_storing_fails_the_sender_is_told_to_try_again_and_the_retry_is_stored(smtp_server, monkeypatch):
    raw = build_mail()

    def database_down(*args):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(receiver, "ingest", database_down)
    with smtplib.SMTP(smtp_server.hostname, smtp_server.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPDataError) as failed:
            client.sendmail(SENDER, ["support@serviceloop.test"], raw)
        assert failed.value.smtp_code == 451
        monkeypatch.undo()
        assert client.sendmail(SENDER, ["support@serviceloop.test"], raw) == {}
    assert InboundMail.objects.get().raw == raw


def test_the_receive_mail_command_listens_until_stopped(tmp_path):
    port = free_port()
    env = {**os.environ, "SERVICELOOP_VAR_DIR": str(tmp_path), "DATABASE_URL": ""}
    serviceloop = Path(sys.executable).parent / "serviceloop"
    command = [str(serviceloop), "receive_mail", "--host", "127.0.0.1", "--port", str(port), "--lmtp"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        banner = process.stdout.readline().decode()
        assert f"LMTP) on 127.0.0.1:{port}" in banner
        with smtplib.LMTP("127.0.0.1", port, timeout=10) as client:
            assert client.docmd("EHLO", "mta.example.test")[0] == 500  # LMTP speaks LHLO only
            code, features = client.docmd("LHLO", "mta.example.test")
            assert code == 250 and b"SIZE" in features
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
