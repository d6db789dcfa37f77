"""A fake OAuth 2.0 provider on a loopback port: the token endpoint a mailbox asks, and the
introspection endpoint dovecot asks who an access token belongs to."""

from __future__ import annotations

import itertools
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeProvider:
    def __init__(self) -> None:
        self.grants: list[dict[str, str]] = []  # each token request's form
        self.users: dict[str, str] = {}  # a refresh token or client ID -> the IMAP user it signs in as
        self.tokens: dict[str, str] = {}  # access token -> IMAP user
        self.refusal: tuple[int, dict[str, Any]] | None = None  # answer every token request with this
        self.rotate = False  # hand out a new refresh token with each access token
        self._numbers = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.token_url, self.introspection_url = f"{base}/token", f"{base}/introspect"

    def start(self) -> FakeProvider:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        self.grants.clear()
        self.users.clear()
        self.tokens.clear()
        self.refusal, self.rotate = None, False

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.grants.append(form)
        if self.refusal is not None:
            return self.refusal
        by_refresh = form.get("grant_type") == "refresh_token"
        user = self.users.get((form.get("refresh_token") if by_refresh else form.get("client_id")) or "")
        if user is None:
            return 400, {"error": "invalid_grant", "error_description": "unknown grant"}
        number = next(self._numbers)
        self.tokens[f"at-{number}"] = user
        answer: dict[str, Any] = {"access_token": f"at-{number}", "token_type": "Bearer", "expires_in": 3600}
        if self.rotate and form.get("refresh_token"):
            answer["refresh_token"] = f"{form['refresh_token']}-{number}"
            self.users[answer["refresh_token"]] = user
        return 200, answer

    def introspect(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        user = self.tokens.get(form.get("token", ""))
        return 200, {"active": True, "username": user} if user else {"active": False}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                form = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
                answer = provider.token if self.path == "/token" else provider.introspect
                status, data = answer(form)
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler
