"""Store and process raw e-mails from files or standard input: for an MTA's pipe or a mail kept aside.

The exit status is what mail servers expect of a pipe: 0 once the mail is stored (even when it could
not become a ticket: it waits in the failed mails), 75 (try again later) when it could not be stored,
65 for an empty message, 66 for a file that is not there.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.models import InboundMail

EX_OK, EX_DATAERR, EX_NOINPUT, EX_TEMPFAIL = 0, 65, 66, 75


class Command(BaseCommand):
    help = "Store and process raw RFC 5322 messages from FILEs, or from standard input when none or '-'."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")

    def handle(self, *args, **options):
        worst = EX_OK
        for name in options["files"] or ["-"]:
            worst = max(worst, self._one(name))  # 75 > 66 > 65: the mail server retries what it can
        if worst != EX_OK:
            raise CommandError("Not every message was stored.", returncode=worst)

    def _one(self, name: str) -> int:
        label = "stdin" if name == "-" else name
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            self.stderr.write(f"{label}: cannot read: {exc.strerror or exc}")
            return EX_NOINPUT
        if not raw.strip():
            self.stderr.write(f"{label}: empty message, nothing stored")
            return EX_DATAERR
        try:
            mail = ingest(raw, InboundMail.Source.PIPE)
        except Exception as exc:  # the database is down or full: the mail server keeps the mail
            self.stderr.write(f"{label}: not stored, try again later: {type(exc).__name__}: {exc}")
            return EX_TEMPFAIL
        self.stdout.write(f"{label}: {self._outcome(mail)}")
        return EX_OK

    @staticmethod
    def _outcome(mail: InboundMail) -> str:
        if mail.state == InboundMail.State.PROCESSED and mail.ticket is not None:
            return f"{mail.state} {mail.ticket.number} (mail {mail.pk})"
        reason = " ".join(mail.reason.split())  # one line per mail, whatever the reason says
        return f"{mail.state} (mail {mail.pk}){': ' + reason if reason else ''}"
