"""IMAP polling of a large backlog, killed half way and resumed: `python -m bench.imap_poll --messages 10000`.

Starts a real dovecot on a loopback port (as the tests do), appends N generated support mails to its
INBOX, and polls it with the real store-and-process path in a child process. When about half the
mails are stored the child is killed (SIGKILL: no clean-up of any kind), then a second child polls
again. It prints the throughput and memory of both children and checks that every mail sent was
stored exactly once and that the INBOX is empty. Nothing is asserted: the figures go into the notes.

The database is DATABASE_URL when set (use one of its own), else a new SQLite file in a temporary
folder. Mail sending is switched off (tickets opened by mail queue acknowledgements; no worker runs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from imap_tools import MailBoxUnencrypted

SENDERS = 1000  # distinct customers: each stays under the per-sender rate limit
DOMAINS = ["mueller.test", "shjg.test", "precision.test", "lathe-works.test"]
FOLDER = "Serviceloop"
WORDS = ["spindle", "noise", "主轴", "异响", "vibration", "alarm", "coolant", "axis"]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceloop.settings")
    import django

    django.setup()


def _memory_mb(field: str) -> float:
    """VmRSS now, or VmHWM: the peak since exec (ru_maxrss would include the parent's before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def message_id(n: int) -> str:
    return f"bench-{n}@client.test"


def build_mails(count: int, seed: int = 7) -> list[bytes]:
    """Questions from many customers, one in ten a reply to an earlier one, some with an attachment."""
    rng = random.Random(seed)
    mails: list[bytes] = []
    sent_ids: list[str] = []
    for n in range(count):
        sender = f"customer{n % SENDERS}@{DOMAINS[n % len(DOMAINS)]}"
        mail = EmailMessage(policy=SMTP)
        mail["From"] = f"Customer {n % SENDERS} <{sender}>"
        mail["To"] = "support@serviceloop.test"
        mail["Date"] = format_datetime(datetime.now().astimezone())
        mail["Message-ID"] = f"<{message_id(n)}>"
        if sent_ids and rng.random() < 0.1:
            earlier = rng.choice(sent_ids)
            mail["Subject"] = "Re: machine question"
            mail["In-Reply-To"] = mail["References"] = earlier
        else:
            mail["Subject"] = f"Machine {n}: spindle noise at {rng.randint(500, 6000)} rpm"
        words = rng.choices(
            ["spindle", "noise", "主轴", "异响", "vibration", "alarm", "coolant", "axis"], k=150
        )
        mail.set_content(f"Hello,\n\n{' '.join(words)}\n\nRegards,\nCustomer {n % SENDERS}\n")
        if rng.random() < 0.05:
            mail.add_attachment(
                rng.randbytes(30_000), maintype="application", subtype="pdf", filename="log.pdf"
            )
        sent_ids.append(mail["Message-ID"])
        mails.append(mail.as_bytes())
    return mails


def append_all(host: str, port: int, user: str, password: str, mails: list[bytes]) -> float:
    start = time.perf_counter()
    with MailBoxUnencrypted(host, port, timeout=60).login(user, password, initial_folder=None) as box:
        for raw in mails:
            box.client.append("INBOX", None, None, raw)  # type: ignore[arg-type]
    return time.perf_counter() - start


def count_folder(host: str, port: int, user: str, password: str, folder: str) -> int:
    with MailBoxUnencrypted(host, port, timeout=60).login(user, password, initial_folder=None) as box:
        if not box.folder.exists(folder):
            return 0
        box.folder.set(folder, readonly=True)
        return len(box.uids("ALL"))


def poll_child(mailbox_id: int) -> None:
    """The child: poll once, printing one JSON line per batch and one at the end."""
    _setup_django()
    from serviceloop.channels.mail.imap import PollResult, poll_mailbox
    from serviceloop.channels.models import Mailbox

    start = time.perf_counter()

    def report(result: PollResult, done: bool = False) -> None:
        line = {
            "done": done,
            "seconds": time.perf_counter() - start,
            "fetched": result.fetched,
            "stored": result.stored,
            "duplicates": result.duplicates,
            "failed": result.failed,
            "removed": result.removed,
            "error": result.error,
            "rss_mb": _memory_mb("VmRSS"),
            "max_rss_mb": _memory_mb("VmHWM"),
        }
        print(json.dumps(line), flush=True)

    result = poll_mailbox(Mailbox.objects.get(pk=mailbox_id), progress=report)
    report(result, done=True)


def run_child(mailbox_id: int, kill_after_stored: int | None) -> dict:
    command = [sys.executable, "-m", "bench.imap_poll", "--child", str(mailbox_id)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    last: dict = {}
    for line in child.stdout:
        last = {"first_rss_mb": last.get("first_rss_mb"), **json.loads(line)}
        last["first_rss_mb"] = last["first_rss_mb"] or last["rss_mb"]
        if kill_after_stored is not None and last["stored"] >= kill_after_stored:
            time.sleep(random.uniform(0, 0.3))  # land inside a batch: stored, not yet moved
            child.send_signal(signal.SIGKILL)
            last["killed"] = True
            break
    child.wait()
    return last


def prepare_database(tmp: Path) -> None:
    os.environ["SERVICELOOP_VAR_DIR"] = str(tmp / "var")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'imap-bench.sqlite3'}"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.pop("HUEY_IMMEDIATE", None)
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def verify(mails: list[bytes]) -> dict[str, int]:
    from django.db.models import Count

    from serviceloop.channels.models import InboundMail

    sent_ids = {message_id(n) for n in range(len(mails))}
    stored_ids = list(InboundMail.objects.values_list("message_id", flat=True))
    states = dict(InboundMail.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return {
        "sent": len(mails),
        "stored": len(stored_ids),
        "missing": len(sent_ids - set(stored_ids)),
        "stored twice": len(stored_ids) - len(set(stored_ids)),
        "seen again after the kill": InboundMail.objects.filter(deliveries__gt=1).count(),
        **{f"state {state}": n for state, n in sorted(states.items())},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--kill-at", type=float, default=0.5, help="fraction stored when the poll is killed")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        poll_child(args.child)
        return
    from serviceloop.channels.tests.dovecot import Dovecot

    with tempfile.TemporaryDirectory(prefix="serviceloop-imap-bench-") as tmp_dir, Dovecot() as server:
        prepare_database(Path(tmp_dir))
        from django.db import connection

        from serviceloop.channels.models import Mailbox

        user, password = "support", server.password
        mails = build_mails(args.messages)
        appended = append_all(server.host, server.port, user, password, mails)
        print(f"database: {connection.vendor}; appended {len(mails):,} mails in {appended:.1f} s")
        mailbox = Mailbox.objects.create(
            name="Bench", address="support@serviceloop.test", imap_host=server.host, imap_port=server.port,
            imap_security=Mailbox.Security.PLAIN, imap_user=user, imap_password=password,
        )  # fmt: skip
        killed = run_child(mailbox.pk, kill_after_stored=int(len(mails) * args.kill_at))
        resumed = run_child(mailbox.pk, kill_after_stored=None)
        rows = [
            ("killed poll: stored before SIGKILL", killed["stored"]),
            ("killed poll: mails/s", killed["stored"] / max(killed["seconds"], 1e-9)),
            ("killed poll: peak RSS (MB)", killed["max_rss_mb"]),
            ("resumed poll: fetched", resumed["fetched"]),
            ("resumed poll: new / already stored", f"{resumed['stored']} / {resumed['duplicates']}"),
            ("resumed poll: seconds", resumed["seconds"]),
            ("resumed poll: mails/s", resumed["fetched"] / max(resumed["seconds"], 1e-9)),
            ("resumed poll: peak RSS (MB)", resumed["max_rss_mb"]),
            ("resumed poll: RSS (MB) after 1st batch", resumed["first_rss_mb"]),
            ("resumed poll: RSS (MB) at the end", resumed["rss_mb"]),
            ("resumed poll: error", resumed["error"] or "none"),
            *verify(mails).items(),
            ("left in INBOX", count_folder(server.host, server.port, user, password, "INBOX")),
            (f"in {FOLDER}", count_folder(server.host, server.port, user, password, FOLDER)),
        ]
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
            print(f"{name:<{width}}  {shown:>12}")


if __name__ == "__main__":
    main()
