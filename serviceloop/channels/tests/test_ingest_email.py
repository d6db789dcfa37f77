"""`serviceloop ingest_email`: what an MTA's pipe or an administrator gets back, in words and exit codes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from serviceloop.channels.management.commands import ingest_email
from serviceloop.channels.models import InboundMail

from .mailfactory import build_mail

pytestmark = pytest.mark.django_db

SERVICELOOP = Path(sys.executable).parent / "serviceloop"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_email", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def feed_stdin(monkeypatch, raw: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))


def test_a_file_is_stored_and_the_ticket_it_opened_printed(tmp_path, world):
    path = tmp_path / "question.eml"
    path.write_bytes(build_mail())
    out, _ = run(str(path))
    mail = InboundMail.objects.get()
    assert bytes(mail.raw) == path.read_bytes() and mail.source == InboundMail.Source.PIPE
    assert mail.ticket is not None, mail.reason
    assert out == f"{path}: processed {mail.ticket.number} (mail {mail.pk})\n"


def test_a_mail_that_cannot_become_a_ticket_is_stored_with_exit_0_and_the_reason_printed(tmp_path):
    path = tmp_path / "garbage.eml"
    path.write_bytes(b"\x00\xff this is no e-mail at all")
    out, _ = run(str(path))  # no CommandError: exit status 0, the mail is kept
    mail = InboundMail.objects.get()
    assert mail.state in (InboundMail.State.FAILED, InboundMail.State.IGNORED) and mail.reason
    assert out == f"{path}: {mail.state} (mail {mail.pk}): {' '.join(mail.reason.split())}\n"


@pytest.mark.parametrize("args", [(), ("-",)])
def test_standard_input_is_read_as_bytes(monkeypatch, args):
    raw = build_mail(subject="Spindel schleift", body="Grüße aus München: 主轴异响")
    feed_stdin(monkeypatch, raw)
    out, _ = run(*args)
    assert out.startswith("stdin: ")
    assert InboundMail.objects.get().raw == raw


def test_the_same_mail_twice_is_stored_once(tmp_path):
    path = tmp_path / "question.eml"
    path.write_bytes(build_mail())
    run(str(path), str(path))
    assert InboundMail.objects.get().deliveries == 2


def test_a_missing_file_exits_66_and_the_other_files_are_still_stored(tmp_path):
    present = tmp_path / "present.eml"
    present.write_bytes(build_mail())
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "ingest_email", str(tmp_path / "missing.eml"), str(present), stdout=io.StringIO(), stderr=err
        )
    assert failed.value.returncode == 66
    assert "missing.eml: cannot read" in err.getvalue()
    assert InboundMail.objects.count() == 1


def test_an_empty_message_exits_65(monkeypatch):
    feed_stdin(monkeypatch, b"\r\n  \n")
    with pytest.raises(CommandError) as failed:
        run()
    assert failed.value.returncode == 65
    assert InboundMail.objects.count() == 0


def test_a_mail_that_cannot_be_stored_exits_75_so_the_mail_server_retries(tmp_path, monkeypatch):
    path = tmp_path / "question.eml"
    path.write_bytes(build_mail())

    def database_down(*args):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(ingest_email, "ingest", database_down)
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("ingest_email", str(path), stdout=io.StringIO(), stderr=err)
    assert failed.value.returncode == 75
    assert "not stored, try again later" in err.getvalue()


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [(["/nonexistent/mail.eml"], b"", 66, "cannot read"), ([], b"", 65, "empty message")],
)
def test_the_command_line_exit_codes(tmp_path, args, stdin, code, message):
    env = {**os.environ, "SERVICELOOP_VAR_DIR": str(tmp_path), "DATABASE_URL": ""}
    done = subprocess.run(
        [str(SERVICELOOP), "ingest_email", *args], input=stdin, env=env, capture_output=True, timeout=60
    )
    assert done.returncode == code
    assert message in done.stderr.decode()
