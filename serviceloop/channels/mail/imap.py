"""Fetching a support mailbox over IMAP: a message leaves the server only after it is stored here.

Every message in the folder is fetched, read or not (a human may have opened it in their mail
program), oldest first, in batches: a backlog of thousands neither fills the memory nor holds one
IMAP command long enough to time out. Killed half way, the next poll finds the messages that were
not moved yet; store() recognises the ones already kept, so nothing is lost or doubled.
"""

from __future__ import annotations

import imaplib
import logging
import re
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import ImapToolsError
from imap_tools.utils import encode_folder

from ..models import InboundMail, Mailbox
from . import oauth, too_large
from .inbox import needs_processing, process, store

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 60  # seconds any one IMAP command may stay silent before the poll gives up
FETCH_BATCH = 50  # messages per UID FETCH, and per move
FETCH_BATCH_BYTES = 16 * 1024 * 1024  # at most this much mail held in memory (one larger mail goes alone)
SIZE_CHUNK = 500  # sizes asked for in one command

# OSError covers timeouts and TLS; TokenError an OAuth token endpoint that gave no token.
CONNECTION_ERRORS = (OSError, imaplib.IMAP4.error, ImapToolsError, oauth.TokenError)
_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")


@dataclass
class PollResult:
    waiting: int = 0  # messages found in the folder
    fetched: int = 0
    stored: int = 0  # new mails
    duplicates: int = 0  # already here: an interrupted poll before, or the same mail twice
    failed: int = 0  # stored, but could not become a ticket or reply (listed with the failed mails)
    removed: int = 0  # moved to the processed folder or deleted
    too_large: int = 0  # left in the folder: larger than MAIL_MAX_BYTES
    error: str = ""
    too_large_sizes: dict[str, int] = field(default_factory=dict)  # uid -> size
    # Described by their headers once the whole folder was looked at; None when the poll stopped
    # before (the mailbox then keeps the list of its last complete poll).
    too_large_mails: list[dict[str, Any]] | None = None

    @property
    def left(self) -> int:
        return self.waiting - self.removed


def poll_mailbox(
    mailbox: Mailbox, *, limit: int | None = None, progress: Callable[[PollResult], None] | None = None
) -> PollResult:
    """Fetch, store and move (or delete) up to `limit` messages; never raises, errors go to last_error.

    `progress` is called after each batch (the task queue uses it to show the poll is alive).
    """
    result = PollResult()
    client: BaseMailBox | None = None
    try:
        client = _connect(mailbox)
        _poll(client, mailbox, result, limit, progress)
    except CONNECTION_ERRORS as exc:
        result.error = f"IMAP {mailbox.imap_host}:{mailbox.imap_port}: {type(exc).__name__}: {exc}"
        logger.warning("mailbox %s: %s", mailbox.pk, result.error)
    except Exception as exc:  # the database went away, or a bug: the messages wait on the server
        result.error = f"{type(exc).__name__}: {exc}"
        logger.exception("mailbox %s: poll stopped", mailbox.pk)
    finally:
        _logout(client)
    if result.too_large and not result.error:
        limit_mb = settings.MAIL_MAX_BYTES / 1024 / 1024
        result.error = f"{result.too_large} message(s) larger than {limit_mb:.0f} MB left in the folder"
    _record(mailbox, result)
    if result.fetched:
        logger.info("mailbox %s: %s", mailbox.pk, result)
    return result


def _connect(mailbox: Mailbox) -> BaseMailBox:
    host, port, timeout = mailbox.imap_host, mailbox.imap_port, SOCKET_TIMEOUT
    client: BaseMailBox
    if mailbox.imap_security == Mailbox.Security.SSL:
        # imaplib would not check the certificate without an explicit context.
        client = MailBox(host, port, timeout=timeout, ssl_context=ssl.create_default_context())
    elif mailbox.imap_security == Mailbox.Security.STARTTLS:
        client = MailBoxStartTls(host, port, timeout=timeout, ssl_context=ssl.create_default_context())
    else:
        client = MailBoxUnencrypted(host, port, timeout=timeout)
    try:
        if mailbox.imap_auth == Mailbox.Auth.OAUTH2:
            client.xoauth2(mailbox.imap_user, oauth.access_token(mailbox), initial_folder=None)
        else:
            client.login(mailbox.imap_user, mailbox.imap_password, initial_folder=None)
    except (ImapToolsError, imaplib.IMAP4.error):
        oauth.forget(mailbox)  # a refused token may have been revoked: the next poll asks anew
        raise
    # Servers announce MOVE and UIDPLUS only once logged in; imaplib keeps the greeting's list.
    typ, data = client.client.capability()
    _check(typ, data)
    client.client.capabilities = tuple(data[-1].decode().upper().split())
    return client


def _logout(client: BaseMailBox | None) -> None:
    if client is None:
        return
    try:
        client.logout()
    except Exception:  # the connection may be gone already; nothing is left to tidy
        logger.debug("logout failed", exc_info=True)


def _poll(
    client: BaseMailBox,
    mailbox: Mailbox,
    result: PollResult,
    limit: int | None,
    progress: Callable[[PollResult], None] | None,
) -> None:
    client.folder.set(mailbox.imap_folder)
    uids = sorted(client.uids("ALL"), key=int)  # not only UNSEEN: read mail must arrive too
    if limit is not None:
        uids = uids[:limit]
    result.waiting = len(uids)
    if uids and mailbox.after_fetch == Mailbox.AfterFetch.MOVE:
        _ensure_folder(client, mailbox.processed_folder)
    for start in range(0, len(uids), SIZE_CHUNK):
        sizes = _sizes(client, uids[start : start + SIZE_CHUNK])
        for batch in _batches(sizes, result):
            _take_batch(client, mailbox, batch, result)
            if progress is not None:
                progress(result)
    result.too_large_mails = _describe_too_large(client, result.too_large_sizes)


def _describe_too_large(client: BaseMailBox, sizes: dict[str, int]) -> list[dict[str, Any]]:
    listed = dict(list(sizes.items())[: too_large.LISTED])
    if not listed:
        return []
    headers = dict(_fetch(client, list(listed), too_large.HEADER_ITEM))
    return [too_large.describe(uid, size, headers.get(uid, b"")) for uid, size in listed.items()]


def _take_batch(client: BaseMailBox, mailbox: Mailbox, batch: list[str], result: PollResult) -> None:
    done: list[str] = []
    try:
        for uid, raw in _fetch(client, batch):
            result.fetched += 1
            _keep(raw, mailbox, result)
            done.append(uid)
    finally:
        # What is stored may go, even when a later message of the batch stopped the poll.
        if done:
            _remove(client, mailbox, done)
            result.removed += len(done)


def _keep(raw: bytes, mailbox: Mailbox, result: PollResult) -> None:
    """ingest(), counting what happened; raises only when the mail could not be stored."""
    stored = store(raw, InboundMail.Source.IMAP, mailbox)
    mail = stored.mail
    if stored.created:
        result.stored += 1
    else:
        result.duplicates += 1
    if needs_processing(stored):
        mail = process(mail)
    if mail.state == InboundMail.State.FAILED:
        result.failed += 1


def _sizes(client: BaseMailBox, uids: list[str]) -> dict[str, int]:
    typ, data = client.client.uid("FETCH", ",".join(uids), "(UID RFC822.SIZE)")
    _check(typ, data)
    sizes: dict[str, int] = {}
    for item in data:
        line = item[0] if isinstance(item, tuple) else item
        uid, size = _UID.search(line or b""), _SIZE.search(line or b"")
        if uid and size:
            sizes[uid.group(1).decode()] = int(size.group(1))
    # A message expunged meanwhile by someone else is simply not there any more.
    return dict(sorted(sizes.items(), key=lambda pair: int(pair[0])))


def _batches(sizes: dict[str, int], result: PollResult) -> Iterator[list[str]]:
    batch: list[str] = []
    batch_bytes = 0
    for uid, size in sizes.items():
        if size > settings.MAIL_MAX_BYTES:
            result.too_large += 1
            result.too_large_sizes[uid] = size
            continue
        if batch and (len(batch) >= FETCH_BATCH or batch_bytes + size > FETCH_BATCH_BYTES):
            yield batch
            batch, batch_bytes = [], 0
        batch.append(uid)
        batch_bytes += size
    if batch:
        yield batch


def _fetch(client: BaseMailBox, uids: list[str], item: str = "BODY.PEEK[]") -> list[tuple[str, bytes]]:
    """The raw bytes of `uids` (or the part `item` names), oldest first; BODY.PEEK leaves the \\Seen
    flag as it was."""
    typ, data = client.client.uid("FETCH", ",".join(uids), f"(UID {item})")
    _check(typ, data)
    messages: list[tuple[str, bytes]] = []
    literal: bytes | None = None  # some servers send the UID after the message
    for item in data:
        if isinstance(item, tuple):
            uid = _UID.search(item[0])
            if uid:
                messages.append((uid.group(1).decode(), item[1]))
            else:
                literal = item[1]
        elif literal is not None and isinstance(item, bytes) and (uid := _UID.search(item)):
            messages.append((uid.group(1).decode(), literal))
            literal = None
    wanted = set(uids)
    return sorted((m for m in messages if m[0] in wanted), key=lambda m: int(m[0]))


def _ensure_folder(client: BaseMailBox, folder: str) -> None:
    if not client.folder.exists(folder):
        client.folder.create(folder)
        try:
            client.folder.subscribe(folder, True)
        except ImapToolsError:  # only for the humans' mail programs; moving works unsubscribed
            logger.debug("could not subscribe to %s", folder, exc_info=True)


def _remove(client: BaseMailBox, mailbox: Mailbox, uids: list[str]) -> None:
    uid_set = ",".join(uids)
    imap = client.client
    if mailbox.after_fetch == Mailbox.AfterFetch.MOVE:
        destination = encode_folder(mailbox.processed_folder).decode("ascii")  # modified UTF-7, quoted
        if "MOVE" in imap.capabilities:
            _check(*imap.uid("MOVE", uid_set, destination))
            return
        _check(*imap.uid("COPY", uid_set, destination))
    _check(*imap.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)"))
    if "UIDPLUS" in imap.capabilities:
        _check(*imap.uid("EXPUNGE", uid_set))
    else:  # also expunges what a human marked deleted, as their own mail program would
        _check(*imap.expunge())


def _check(typ: str, data: list) -> None:
    if typ != "OK":
        raise imaplib.IMAP4.error(f"{typ}: {data[-1]!r}"[:500])


def _record(mailbox: Mailbox, result: PollResult) -> None:
    mailbox.last_polled_at, mailbox.last_error = timezone.now(), result.error
    fields: dict[str, Any] = {"last_polled_at": mailbox.last_polled_at, "last_error": mailbox.last_error}
    if result.too_large_mails is not None:
        mailbox.waiting_too_large = fields["waiting_too_large"] = result.too_large_mails
    try:
        Mailbox.objects.filter(pk=mailbox.pk).update(**fields)
    except DatabaseError:
        logger.exception("mailbox %s: could not record the poll", mailbox.pk)
