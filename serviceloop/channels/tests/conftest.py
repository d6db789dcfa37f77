"""A real IMAP server (dovecot on a loopback port) and one fresh account on it per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from imap_tools import MailBoxUnencrypted

from serviceloop.channels.models import Mailbox

from .dovecot import DOVECOT, Dovecot
from .oauth_provider import FakeProvider

_accounts = itertools.count(1)


@pytest.fixture(scope="session")
def oauth_server() -> Iterator[FakeProvider]:
    provider = FakeProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def oauth_provider(oauth_server: FakeProvider) -> Iterator[FakeProvider]:
    oauth_server.reset()
    yield oauth_server
    oauth_server.reset()


@pytest.fixture(scope="session")
def dovecot(oauth_server: FakeProvider) -> Iterator[Dovecot]:
    if not DOVECOT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{DOVECOT} is missing and CI=true: install Debian's dovecot-imapd")
        pytest.skip(f"{DOVECOT} is missing: install Debian's dovecot-imapd to run the IMAP tests")
    with Dovecot(oauth_introspection_url=oauth_server.introspection_url) as server:
        yield server


@dataclass
class ImapAccount:
    server: Dovecot
    user: str
    password: str

    def client(self) -> MailBoxUnencrypted:
        return MailBoxUnencrypted(self.server.host, self.server.port, timeout=10).login(
            self.user, self.password, initial_folder=None
        )

    def mailbox(self, **fields) -> Mailbox:
        """A Serviceloop mailbox that fetches this account's INBOX."""
        values = {
            "name": self.user,
            "address": f"{self.user}@serviceloop.test",
            "imap_host": self.server.host,
            "imap_port": self.server.port,
            "imap_security": Mailbox.Security.PLAIN,
            "imap_user": self.user,
            "imap_password": self.password,
        }
        values.update(fields)
        return Mailbox.objects.create(**values)

    def append(self, *messages: bytes, folder: str = "INBOX", seen: bool = False) -> None:
        with self.client() as client:
            for raw in messages:
                client.append(raw, folder, flag_set=["\\Seen"] if seen else None)

    def count(self, folder: str = "INBOX") -> int:
        with self.client() as client:
            if not client.folder.exists(folder):
                return 0
            client.folder.set(folder, readonly=True)
            return len(client.uids("ALL"))


@pytest.fixture
def imap_account(dovecot: Dovecot) -> ImapAccount:
    return ImapAccount(dovecot, f"support{next(_accounts)}", dovecot.password)
