import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from .mail import outgoing, sending
from .mail.imap import poll_mailbox
from .models import Mailbox

logger = logging.getLogger(__name__)

# A poll renews its lock after every batch; one not renewed for this long was left by a killed worker.
POLL_LOCK_STALE_SECONDS = 15 * 60


@db_task(retries=3, retry_delay=60)
def send_ticket_mail(kind: str, ticket_id: int, message_id: int | None) -> None:
    """Compose the mail a ticket event calls for (once, even when retried) and send it."""
    mail = outgoing.mail_for_event(kind, ticket_id, message_id)
    if mail is not None:
        deliver_mail(mail.pk)


@db_task()
def deliver_mail(outbound_id: int) -> None:
    retry_in = sending.send(outbound_id)
    if retry_in is not None:
        deliver_mail.schedule(args=(outbound_id,), delay=retry_in)


@db_periodic_task(crontab(minute="*/5"))
def send_waiting_mail() -> None:
    """Every five minutes, send mail still waiting past its time (its schedule lost in a restart, say)."""
    for outbound_id in sending.due_for_sending():
        deliver_mail(outbound_id)


class PollLock:
    """Huey's task lock for one mailbox, plus a heartbeat.

    huey's lock_task never expires on SQLite storage, so a worker killed half way through a poll
    would keep its mailbox from ever being fetched again; this lock can be taken over once stale.
    Two polls overlapping anyway (both judging the same lock stale) store nothing twice: store()
    recognises each mail, and moving a message already moved is a no-op.
    """

    def __init__(self, mailbox_id: int) -> None:
        self.key = f"{HUEY.name}.lock.mail-poll-{mailbox_id}"

    def acquire(self) -> bool:
        now = time.time()
        if HUEY.put_if_empty(self.key, now):
            return True
        held_since = HUEY.get(self.key, peek=True)
        if isinstance(held_since, int | float) and now - held_since < POLL_LOCK_STALE_SECONDS:
            return False
        logger.warning("taking over the stale lock %s", self.key)
        HUEY.delete(self.key)
        return bool(HUEY.put_if_empty(self.key, now))

    def renew(self) -> None:
        HUEY.put(self.key, time.time())

    def release(self) -> None:
        HUEY.delete(self.key)


@db_periodic_task(crontab(minute="*"))
def poll_mailboxes() -> None:
    """Each minute, queue a poll of every active IMAP mailbox not polled for MAIL_POLL_SECONDS."""
    # Ticks are a minute apart and a poll ends a little after one: half a minute of slack.
    due = timezone.now() - timedelta(seconds=max(0, settings.MAIL_POLL_SECONDS - 30))
    mailboxes = (
        Mailbox.objects.filter(is_active=True)
        .exclude(imap_host="")
        .filter(Q(last_polled_at__isnull=True) | Q(last_polled_at__lte=due))
    )
    for mailbox_id in mailboxes.values_list("pk", flat=True):
        poll_mailbox_task(mailbox_id)


@db_task()
def poll_mailbox_task(mailbox_id: int) -> None:
    mailbox = Mailbox.objects.filter(pk=mailbox_id, is_active=True).exclude(imap_host="").first()
    if mailbox is None:
        return
    lock = PollLock(mailbox_id)
    if not lock.acquire():
        logger.info("mailbox %s is being polled by another worker", mailbox_id)
        return
    try:
        poll_mailbox(mailbox, progress=lambda _result: lock.renew())
    finally:
        lock.release()
