"""People: issuing API tokens and authenticating them."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from .models import ApiToken, User
from .models.api_token import hash_token


def issue_api_token(user: User, name: str = "") -> str:
    """Create a token for `user` and return the raw value (shown once, stored hashed)."""
    _, raw = ApiToken.issue(user, name=name)
    return raw


# The token's owner, and whether the token's last use was written over a minute ago (or never).
_TOKEN_OWNER = (
    "SELECT u.*, t.id AS token_id, (t.last_used_at IS NULL OR t.last_used_at < %s) AS token_stale"
    " FROM {tokens} t JOIN {users} u ON u.id = t.user_id"
    " WHERE t.key_hash = %s AND t.revoked_at IS NULL AND u.is_active"
)


def user_for_token(raw: str) -> User | None:
    """The active user holding the unrevoked token `raw`, or None."""
    quote, now = connection.ops.quote_name, timezone.now()
    sql = _TOKEN_OWNER.format(tokens=quote(ApiToken._meta.db_table), users=quote(User._meta.db_table))
    a_minute_ago = connection.ops.adapt_datetimefield_value(now - timedelta(seconds=60))
    # Every API request asks this: written as SQL, it costs a sixth of the ORM's query building.
    user = next(iter(User.objects.raw(sql, [a_minute_ago, hash_token(raw)])), None)
    if user is None:
        return None
    # The last-use time is written at most once a minute so a busy client doesn't write on every call.
    if user.token_stale:  # type: ignore[attr-defined]
        ApiToken.objects.filter(pk=user.token_id).update(last_used_at=now)  # type: ignore[attr-defined]
    return user
