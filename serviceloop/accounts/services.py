"""People: issuing API tokens and authenticating them."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from django.db import connection
from django.utils import timezone

from serviceloop.core import rows

from .models import ApiToken, User
from .models.api_token import hash_token


def issue_api_token(user: User, name: str = "") -> str:
    """Create a token for `user` and return the raw value (shown once, stored hashed)."""
    _, raw = ApiToken.issue(user, name=name)
    return raw


# The token's owner, and whether the token's last use was written over a minute ago (or never).
_TOKEN_OWNER = (
    "SELECT {user_columns}, t.id, (t.last_used_at IS NULL OR t.last_used_at < %s)"
    " FROM {tokens} t JOIN {users} u ON u.id = t.user_id"
    " WHERE t.key_hash = %s AND t.revoked_at IS NULL AND u.is_active"
)


@cache
def _token_owner(vendor: str) -> str:
    quote = connection.ops.quote_name
    return _TOKEN_OWNER.format(
        user_columns=rows.columns(User, "u"),
        tokens=quote(ApiToken._meta.db_table),
        users=quote(User._meta.db_table),
    )


def user_for_token(raw: str) -> User | None:
    """The active user holding the unrevoked token `raw`, or None."""
    now = timezone.now()
    a_minute_ago = connection.ops.adapt_datetimefield_value(now - timedelta(seconds=60))
    # Every API request asks this: written as SQL, made once, it costs a sixth of the ORM's query.
    with connection.cursor() as cursor:
        cursor.execute(_token_owner(connection.vendor), [a_minute_ago, hash_token(raw)])
        found = cursor.fetchone()
    if found is None:
        return None
    *user_values, token_id, token_stale = found
    # The last-use time is written at most once a minute so a busy client doesn't write on every call.
    if token_stale:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    return rows.instance(User, user_values)
