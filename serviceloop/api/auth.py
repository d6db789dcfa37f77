"""Bearer tokens: `Authorization: Bearer <token>`, as issued by `serviceloop create_api_token`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from serviceloop.accounts.services import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token.strip()) if token.strip() else None
        if user is None:
            # Raised rather than returning None so the client learns the token itself is wrong,
            # not merely missing.
            raise AuthenticationError(message=_("The API token is unknown, revoked or its user is inactive."))
        request.user = user
        return user


def actor(request: HttpRequest) -> Any:
    """The user the request's token belongs to."""
    return request.auth  # type: ignore[attr-defined]
