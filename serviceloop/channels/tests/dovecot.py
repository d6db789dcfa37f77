"""A real IMAP server for the tests and the benchmark: Debian's dovecot in a folder of its own.

It listens on a free loopback port and keeps its mail, sockets and log in a temporary folder. Any
user name logs in with `Dovecot.password` (a static passdb: each test takes a fresh account without
reloading the server). Run as root, dovecot's own
unprivileged users run it and the mail belongs to `nobody`; run as anyone else, everything runs
as that user.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = Path("/usr/sbin/dovecot")

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = serviceloop-test-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
mail_location = maildir:~/Maildir
mail_fsync = never
{oauth_passdb}passdb {{
  driver = static
  mechanisms = plain login
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


# XOAUTH2 sign-in: dovecot asks a token introspection endpoint (the tests' fake provider) who a token is.
OAUTH_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
"""
OAUTH_CONFIG = """\
introspection_url = {url}
introspection_mode = post
username_attribute = username
active_attribute = active
active_value = true
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Dovecot:
    """`with Dovecot() as server:` starts it, waits until it answers, and stops it afterwards."""

    host = "127.0.0.1"
    password = "s3cret-pass"  # no spaces: static passdb args are split on them

    def __init__(self, oauth_introspection_url: str | None = None) -> None:
        self.oauth_introspection_url = oauth_introspection_url
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="serviceloop-dovecot-"))
        self.root.chmod(0o755)  # the mail processes run as another user when we are root
        self.process: subprocess.Popen[bytes] | None = None
        if os.geteuid() == 0:
            self.internal_user, self.internal_group, self.login_user = "dovecot", "dovecot", "dovenull"
            self.mail_uid = self.mail_gid = pwd.getpwnam("nobody").pw_uid
        else:
            self.internal_user = self.login_user = pwd.getpwuid(os.getuid()).pw_name
            self.internal_group = grp.getgrgid(os.getgid()).gr_name
            self.mail_uid, self.mail_gid = os.getuid(), os.getgid()

    def __enter__(self) -> Dovecot:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 15) -> None:
        (self.root / "mail").mkdir()
        os.chown(self.root / "mail", self.mail_uid, self.mail_gid)
        oauth_passdb = ""
        if self.oauth_introspection_url:
            (self.root / "oauth2.conf.ext").write_text(OAUTH_CONFIG.format(url=self.oauth_introspection_url))
            oauth_passdb = OAUTH_PASSDB.format(root=self.root)
        config = self.root / "dovecot.conf"
        config.write_text(
            CONFIG.format(
                oauth_passdb=oauth_passdb,
                root=self.root,
                port=self.port,
                internal_user=self.internal_user,
                internal_group=self.internal_group,
                login_user=self.login_user,
                password=self.password,
                uid=self.mail_uid,
                gid=self.mail_gid,
            )
        )
        self.process = subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=(self.root / "stderr.log").open("wb"),
        )
        try:
            self._wait(timeout)
        except Exception:
            self.stop()  # the message already holds the log; leave no folder or process behind
            raise

    def _wait(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited ({self.process.returncode}): {self.log()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def log(self) -> str:
        return "\n".join(
            path.read_text(errors="replace")
            for path in (self.root / "stderr.log", self.root / "dovecot.log")
            if path.exists()
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)
