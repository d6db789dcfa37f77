"""Receive mail over SMTP (or LMTP) from the company's mail server until stopped."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from serviceloop.channels.mail.receiver import ReceiverController


class Command(BaseCommand):
    help = (
        "Listen for mail forwarded by the company's mail server and store each message "
        "(250 once stored, 451 when it could not be, 552 when larger than MAIL_MAX_BYTES)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.MAIL_RECEIVER_HOST, help="Address to listen on")
        parser.add_argument("--port", type=int, default=settings.MAIL_RECEIVER_PORT)
        parser.add_argument("--lmtp", action="store_true", help="Speak LMTP instead of SMTP")

    def handle(self, *args, **options):
        host, port = options["host"], options["port"]
        protocol = "LMTP" if options["lmtp"] else "SMTP"
        controller = ReceiverController(host, port, lmtp=options["lmtp"])
        try:
            controller.start()
        except Exception as exc:  # the port is taken, or the address is not ours
            raise CommandError(f"Cannot listen on {host}:{port}: {exc}") from exc
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Receiving mail ({protocol}) on {host}:{port}; Ctrl-C stops.")
        self.stdout.flush()
        try:
            stop.wait()
        finally:
            controller.stop()
        self.stdout.write("Stopped.")
