"""OAuth 2.0 access tokens for IMAP mailboxes that no longer take a password (Microsoft 365, Gmail).

The token comes from the provider's token endpoint: by the refresh token someone granted once, or,
without one, by the application's own client credentials (Microsoft 365's app-only access). Each
process keeps a mailbox's token until shortly before it expires, so a poll a minute does not ask for
a new one every time; a changed setting, or a token the IMAP server refused, drops it.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from ..models import Mailbox

TIMEOUT = 30  # seconds the token endpoint may take
EARLY = 120  # seconds before its expiry a token is no longer used
_tokens: dict[int, tuple[tuple[str, ...], str, float]] = {}  # pk -> (settings, token, good until)


class TokenError(Exception):
    """The token endpoint gave no access token; the message says why, for the mailbox's last error."""


def _settings(mailbox: Mailbox) -> tuple[str, ...]:
    return (mailbox.oauth_token_url, mailbox.oauth_client_id, mailbox.oauth_client_secret,
            mailbox.oauth_refresh_token, mailbox.oauth_scope)  # fmt: skip


def access_token(mailbox: Mailbox) -> str:
    """A current access token for `mailbox`, from this process's keeping or the token endpoint."""
    kept = _tokens.get(mailbox.pk)
    if kept is not None and kept[0] == _settings(mailbox) and kept[2] > time.monotonic():
        return kept[1]
    answer = _ask(mailbox)
    token = answer.get("access_token")
    if not isinstance(token, str) or not token:
        raise TokenError(f"OAuth token endpoint {mailbox.oauth_token_url}: the answer holds no access_token")
    rotated = answer.get("refresh_token")
    if isinstance(rotated, str) and rotated and rotated != mailbox.oauth_refresh_token:
        # Some providers hand out a new refresh token with each use and retire the old one.
        mailbox.oauth_refresh_token = rotated
        Mailbox.objects.filter(pk=mailbox.pk).update(oauth_refresh_token=rotated)
    lifetime = _seconds(answer.get("expires_in"))
    _tokens[mailbox.pk] = (_settings(mailbox), token, time.monotonic() + max(0, lifetime - EARLY))
    return token


def forget(mailbox: Mailbox) -> None:
    """Drop the kept token (the IMAP server refused it): the next poll asks for a new one."""
    _tokens.pop(mailbox.pk, None)


def _seconds(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0  # no lifetime given: use the token once


def _grant(mailbox: Mailbox) -> dict[str, str]:
    grant = {"client_id": mailbox.oauth_client_id}
    if mailbox.oauth_client_secret:
        grant["client_secret"] = mailbox.oauth_client_secret
    if mailbox.oauth_scope:
        grant["scope"] = mailbox.oauth_scope
    if mailbox.oauth_refresh_token:
        return {**grant, "grant_type": "refresh_token", "refresh_token": mailbox.oauth_refresh_token}
    return {**grant, "grant_type": "client_credentials"}


def _ask(mailbox: Mailbox) -> dict[str, Any]:
    url = mailbox.oauth_token_url
    if not url:
        raise TokenError("OAuth: the mailbox has no token URL")
    body = urllib.parse.urlencode(_grant(mailbox)).encode()
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as exc:
        raise TokenError(f"OAuth token endpoint {url}: HTTP {exc.code}: {_reason(exc)}") from exc
    except (OSError, ValueError) as exc:  # unreachable, timed out, or not JSON
        raise TokenError(f"OAuth token endpoint {url}: {type(exc).__name__}: {exc}") from exc
    if not isinstance(answer, dict):
        raise TokenError(f"OAuth token endpoint {url}: the answer is not a JSON object")
    return answer


def _reason(error: urllib.error.HTTPError) -> str:
    """The provider's own words (RFC 6749: error, error_description), else the status text."""
    try:
        details = json.loads(error.read()[:10_000] or b"{}")
    except ValueError:
        details = {}
    if isinstance(details, dict) and details.get("error"):
        described = details.get("error_description")
        return f"{details['error']}: {described}" if described else str(details["error"])
    return str(error.reason)
