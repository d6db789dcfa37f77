"""People: issuing API tokens and authenticating them."""

from __future__ import annotations

from django.utils import timezone

from .models import ApiToken, User
from .models.api_token import hash_token


def issue_api_token(user: User, name: str = "") -> str:
    """Create a token for `user` and return the raw value (shown once, stored hashed)."""
    _, raw = ApiToken.issue(user, name=name)
    return raw


def user_for_token(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write the last-use time at most once a minute so a busy client doesn't write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
