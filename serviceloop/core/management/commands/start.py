"""Start the whole product: the web server and the background worker, stopped together."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the web app (gunicorn) and run the Huey worker until interrupted."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument(
            "--no-mail-receiver", action="store_true", help="Do not accept mail over SMTP (receive_mail)."
        )

    def handle(self, *args, **options):
        bin_dir = os.path.dirname(sys.executable)
        web = [
            os.path.join(bin_dir, "gunicorn"), "serviceloop.wsgi:application",
            "--bind", f"{options['host']}:{options['port']}", "--workers", str(options["workers"]),
            "--access-logfile", "-",
        ]  # fmt: skip
        worker = [sys.executable, "-m", "serviceloop", "run_huey", "--workers", "2"]
        procs = [subprocess.Popen(web), subprocess.Popen(worker)]
        if not options["no_mail_receiver"]:
            procs.append(subprocess.Popen([sys.executable, "-m", "serviceloop", "receive_mail"]))
        url = f"http://{options['host']}:{options['port']}/"
        db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(self.style.SUCCESS(f"Serviceloop is running at {url} (database: {db})."))
        if not options["no_mail_receiver"]:
            self.stdout.write(
                f"Mail forwarded to {settings.MAIL_RECEIVER_HOST}:{settings.MAIL_RECEIVER_PORT} (SMTP) "
                "becomes tickets."
            )
        self.stdout.write(
            f"Log in at {url} as agent / agent-demo (agent console) or customer / customer-demo "
            "(customer portal); README.md lists every demo login."
        )
        self.stdout.write("Press Ctrl-C to stop.")
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs:
                p.wait(timeout=15)
        failed = [p.returncode for p in procs if p.returncode not in (0, -signal.SIGTERM, None)]
        if failed:
            sys.exit(1)
