"""People: staff may list and read everyone; customers and partners see only themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from serviceloop.accounts.models import User
from serviceloop.core import policy
from serviceloop.core.errors import NotFound

from ..auth import actor
from ..errors import responses
from ..pagination import paginate
from ..schemas.common import PageQuery
from ..schemas.users import UserOut
from .directory import page_of

router = Router(tags=["users"])
UserPage = page_of(UserOut)


def _visible(user: Any) -> QuerySet:
    return User.objects.all() if policy.is_staff(user) else User.objects.filter(pk=user.pk)


@router.get("/users", response=responses({200: UserPage}))
def list_users(request: HttpRequest, page: Query[PageQuery]):
    items, next_cursor = paginate(
        _visible(actor(request)), ["id"], cursor=page.cursor, limit=page.limit, tag="users"
    )
    return {"items": items, "next_cursor": next_cursor}


@router.get("/users/me", response=responses({200: UserOut}))
def read_me(request: HttpRequest):
    """The user the token belongs to."""
    return actor(request)


@router.get("/users/{user_id}", response=responses({200: UserOut}, 404))
def read_user(request: HttpRequest, user_id: int):
    found = _visible(actor(request)).filter(pk=user_id).first()
    if found is None:
        raise NotFound(_("No user with id %(id)s.") % {"id": user_id})
    return found
