"""A mail server that is down or says "later" delays a mail, never loses it; "never" fails it visibly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from serviceloop.channels import tasks
from serviceloop.channels.mail import outbox, sending
from serviceloop.channels.models import OutboundMail
from serviceloop.tickets.models import Ticket

from .smtp_server import SmtpServer, free_port


@pytest.fixture
def smtp(settings):
    settings.MAIL_RETRY_DELAYS = [60, 300]
    with SmtpServer() as server:
        server.use(settings)
        yield server


@pytest.fixture(autouse=True)
def empty_schedule():
    """Huey's in-memory schedule (immediate mode) outlives a test; each test starts with none."""
    assert HUEY.immediate, "never flush a real queue"
    HUEY.storage.flush_schedule()
    yield
    HUEY.storage.flush_schedule()


def open_ticket(world, capture) -> Ticket:
    with capture(execute=True):
        return world.ticket()


def the_mail() -> OutboundMail:
    return OutboundMail.objects.get()


def make_due(mail: OutboundMail) -> None:
    OutboundMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def scheduled_retries(outbound_id: int) -> list:
    return [t for t in HUEY.scheduled() if t.name.endswith("deliver_mail") and t.args == (outbound_id,)]


@pytest.mark.parametrize(
    "refusal", [{"rcpt": "451 4.7.1 Greylisted, try again later"}, {"data": "421 4.3.2 Shutting down"}]
)
def test_a_temporary_refusal_is_retried_with_back_off_until_it_goes_through(
    world, smtp, refusal, django_capture_on_commit_callbacks
):
    smtp.refuse(**refusal)
    before = timezone.now()
    open_ticket(world, django_capture_on_commit_callbacks)
    mail = the_mail()
    assert mail.state == OutboundMail.State.RETRYING and mail.attempts == 1 and not smtp.received
    code = next(iter(refusal.values()))[:3]
    assert mail.last_error.startswith(code) or f": {code} " in mail.last_error
    assert mail.next_attempt_at is not None
    assert before + timedelta(seconds=60) <= mail.next_attempt_at <= timezone.now() + timedelta(seconds=60)
    # Huey holds the retry for the same minute (its eta is naive UTC).
    [retry] = scheduled_retries(mail.pk)
    assert abs(retry.eta - mail.next_attempt_at.replace(tzinfo=None)) < timedelta(seconds=5)

    # The schedule fires before the server is ready again: the second delay from the list.
    make_due(mail)
    tasks.deliver_mail(mail.pk)
    mail.refresh_from_db()
    assert mail.attempts == 2 and mail.state == OutboundMail.State.RETRYING
    assert mail.next_attempt_at is not None
    assert mail.next_attempt_at >= timezone.now() + timedelta(seconds=290)

    smtp.refuse()
    make_due(mail)
    tasks.send_waiting_mail()  # the sweeper, as if the schedule had been lost in a restart
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.SENT and mail.attempts == 3 and mail.last_error == ""
    assert len(smtp.received) == 1


def test_a_mail_server_that_is_down_counts_as_temporary(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    open_ticket(world, django_capture_on_commit_callbacks)
    mail = the_mail()
    assert mail.state == OutboundMail.State.RETRYING and "ConnectionRefusedError" in mail.last_error


def test_a_permanent_refusal_fails_at_once_and_can_be_retried_by_a_person(
    world, smtp, django_capture_on_commit_callbacks
):
    smtp.refuse(rcpt="550 5.1.1 No such user")
    open_ticket(world, django_capture_on_commit_callbacks)
    mail = the_mail()
    assert mail.state == OutboundMail.State.FAILED and mail.attempts == 1 and "550 5.1.1" in mail.last_error
    assert mail.next_attempt_at is None and not scheduled_retries(mail.pk)
    tasks.send_waiting_mail()
    assert not smtp.received  # failed mail stays failed until a person says otherwise

    smtp.refuse()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.retry_now([mail.pk]) == [mail.pk]
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.SENT and len(smtp.received) == 1
    assert outbox.retry_now([mail.pk]) == []  # a sent mail is never sent again


def test_when_the_delays_are_used_up_the_mail_fails(
    world, smtp, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_RETRY_DELAYS = [1]
    smtp.refuse(rcpt="452 4.2.2 Mailbox full")
    open_ticket(world, django_capture_on_commit_callbacks)
    mail = the_mail()
    assert mail.state == OutboundMail.State.RETRYING
    make_due(mail)
    tasks.send_waiting_mail()
    mail.refresh_from_db()
    assert mail.state == OutboundMail.State.FAILED and mail.attempts == 2 and "452 4.2.2" in mail.last_error


def test_a_sweeper_and_a_scheduled_retry_racing_send_the_mail_once(
    world, smtp, monkeypatch, django_capture_on_commit_callbacks
):
    smtp.refuse(data="451 Try later")
    open_ticket(world, django_capture_on_commit_callbacks)
    mail = the_mail()
    smtp.refuse()
    make_due(mail)
    real_transmit, tries = sending._transmit, []

    def racing(outbound: OutboundMail) -> None:
        tries.append(outbound.pk)
        if len(tries) == 1:
            # While this try talks to the server, the sweeper and the lost-then-found schedule fire.
            tasks.send_waiting_mail()
            tasks.deliver_mail(outbound.pk)
        real_transmit(outbound)

    monkeypatch.setattr(sending, "_transmit", racing)
    tasks.deliver_mail(mail.pk)
    mail.refresh_from_db()
    assert tries == [mail.pk] and len(smtp.received) == 1 and mail.state == OutboundMail.State.SENT


def test_two_workers_reading_the_same_row_claim_it_once(world, smtp, django_capture_on_commit_callbacks):
    smtp.refuse(rcpt="451 later")
    open_ticket(world, django_capture_on_commit_callbacks)
    make_due(the_mail())
    first, second = the_mail(), the_mail()
    assert sending._claim(first) is True
    assert sending._claim(second) is False


def test_a_queued_mail_whose_task_was_lost_is_picked_up(world, settings, django_capture_on_commit_callbacks):
    with SmtpServer() as server:
        server.use(settings)
        server.refuse(rcpt="451 later")
        open_ticket(world, django_capture_on_commit_callbacks)
        mail = the_mail()
        # As if the deliver task had never run: queued, untried, older than the grace period.
        OutboundMail.objects.filter(pk=mail.pk).update(
            state=OutboundMail.State.QUEUED, attempts=0, next_attempt_at=None,
            created_at=timezone.now() - sending.QUEUED_GRACE - timedelta(seconds=1),
        )  # fmt: skip
        assert sending.due_for_sending() == [mail.pk]
        server.refuse()
        tasks.send_waiting_mail()
        assert len(server.received) == 1
    assert sending.due_for_sending() == []


def test_a_fresh_queued_mail_is_left_to_its_own_task(world, django_capture_on_commit_callbacks):
    open_ticket(world, django_capture_on_commit_callbacks)
    OutboundMail.objects.update(state=OutboundMail.State.QUEUED, attempts=0, next_attempt_at=None)
    assert sending.due_for_sending() == []


def test_a_composed_mail_is_not_composed_twice_when_its_task_runs_again(
    world, django_capture_on_commit_callbacks
):
    ticket = open_ticket(world, django_capture_on_commit_callbacks)
    message = ticket.messages.get()
    tasks.send_ticket_mail("created", ticket.pk, message.pk)
    assert OutboundMail.objects.count() == 1
