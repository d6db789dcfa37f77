"""An SMTP or LMTP server the company's mail server forwards support mail to (`serviceloop receive_mail`).

It answers 250 only once the mail is stored, so the sending server keeps the mail until we have
it; 451 (try again later) when it could not be stored; 552 when it is larger than MAIL_MAX_BYTES.
It relays nothing: every mail it accepts is for the service desk.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connections

from ..models import InboundMail, Mailbox
from .inbox import ingest

logger = logging.getLogger(__name__)

# RFC 5321 allows 1000 bytes a line, but mail programs send longer lines and a refusal would bounce
# the customer's mail; the size limit still bounds what one message may hold.
LINE_LENGTH_LIMIT = 64 * 1024

ACCEPTED = "250 2.0.0 Stored"
TRY_LATER = "451 4.3.0 Could not store the message now, please try again later"


def _mailbox_for(recipients: list[str]) -> Mailbox | None:
    """The support mailbox the mail was addressed to, when one of its addresses is ours."""
    for address in recipients:
        mailbox = Mailbox.objects.filter(address__iexact=address.strip()).first()
        if mailbox is not None:
            return mailbox
    return None


def _ingest(raw: bytes, recipients: list[str]) -> InboundMail:
    # This thread outlives requests: drop connections the database closed or that broke before.
    close_old_connections()
    try:
        return ingest(raw, InboundMail.Source.SMTP, _mailbox_for(recipients))
    finally:
        close_old_connections()


class StoringHandler:
    """aiosmtpd handler: the database work runs in a worker thread, never on the event loop."""

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        try:
            mail = await sync_to_async(_ingest)(raw, list(envelope.rcpt_tos))
        except Exception:
            logger.exception("a mail from %s (%d bytes) could not be stored", session.peer, len(raw))
            return self._reply(server, envelope, TRY_LATER)
        logger.info("stored mail %s from %s (%s)", mail.pk, session.peer, mail.state)
        return self._reply(server, envelope, ACCEPTED)

    @staticmethod
    def _reply(server: SMTP, envelope: Envelope, status: str) -> str:
        # LMTP answers DATA once per recipient (RFC 2033); the same outcome holds for all of them.
        if isinstance(server, LMTP):
            return "\r\n".join([status] * max(1, len(envelope.rcpt_tos)))
        return status


class _SMTP(SMTP):
    line_length_limit = LINE_LENGTH_LIMIT


class _LMTP(LMTP):
    line_length_limit = LINE_LENGTH_LIMIT


class ReceiverController(Controller):
    """Runs the server in a thread of its own; `lmtp` speaks LMTP instead of SMTP."""

    def __init__(self, host: str, port: int, *, lmtp: bool = False, **smtp_options: Any) -> None:
        self.lmtp = lmtp
        smtp_options.setdefault("data_size_limit", settings.MAIL_MAX_BYTES)
        smtp_options.setdefault("server_hostname", socket.gethostname())  # getfqdn() may wait for DNS
        super().__init__(StoringHandler(), hostname=host, port=port, **smtp_options)

    def factory(self) -> SMTP:
        server_class = _LMTP if self.lmtp else _SMTP
        return server_class(self.handler, **self.SMTP_kwargs)

    def stop(self, no_assert: bool = False) -> None:
        super().stop(no_assert)
        # The database work ran in asgiref's worker thread: close the connections it kept open.
        asyncio.run(sync_to_async(connections.close_all)())
