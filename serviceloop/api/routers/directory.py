"""List, read, create and change for directory resources, which all work the same way.

Each resource names its model, schemas and which rows a user may see; reading is filtered by that,
writing goes through `customers.services.save_entry`, which asks the policy who may change it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import create_model

from serviceloop.core.errors import NotFound
from serviceloop.customers.services import save_entry

from ..auth import actor
from ..errors import responses
from ..pagination import paginate
from ..schemas.common import PageQuery


@dataclass
class Resource:
    path: str  # plural, as in the URL: "organisations"
    singular: str  # for operation ids and messages: "organisation"
    visible: Callable[[Any], QuerySet]  # the rows a user may see
    out: type[Schema]
    create: type[Schema]
    patch: type[Schema]


def _find(resource: Resource, request: HttpRequest, pk: int) -> Any:
    found = resource.visible(actor(request)).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No %(what)s with id %(id)s.") % {"what": resource.singular, "id": pk})
    return found


def page_of(out: type[Schema]) -> type[Schema]:
    """The page schema `{"items": [out...], "next_cursor": ...}`."""
    return create_model(
        f"{out.__name__.removesuffix('Out')}Page", __base__=Schema,
        items=(list[out], ...), next_cursor=(str | None, ...),  # type: ignore[valid-type]
    )  # fmt: skip


def add_resource(router: Router, r: Resource) -> None:
    """Register GET list, GET one, POST and PATCH for `r` on `router`."""
    page_schema = page_of(r.out)
    one = f"/{r.path}/{{pk}}"

    listing_id = f"list_{r.path.replace('-', '_')}"

    @router.get(f"/{r.path}", response=responses({200: page_schema}), operation_id=listing_id)
    def list_(request: HttpRequest, page: Query[PageQuery]):
        rows = r.visible(actor(request))
        items, next_cursor = paginate(rows, ["id"], cursor=page.cursor, limit=page.limit, tag=r.path)
        return {"items": items, "next_cursor": next_cursor}

    @router.get(one, response=responses({200: r.out}, 404), operation_id=f"read_{r.singular}")
    def read(request: HttpRequest, pk: int):
        return _find(r, request, pk)

    @router.post(
        f"/{r.path}", response=responses({201: r.out}, 400, 403, 409), operation_id=f"create_{r.singular}"
    )
    def create(request: HttpRequest, payload: r.create):  # type: ignore[name-defined]
        entry = r.visible(actor(request)).model()
        saved = save_entry(actor(request), entry, payload.model_dump())
        return Status(201, _find(r, request, saved.pk))

    @router.patch(
        one, response=responses({200: r.out}, 400, 403, 404, 409), operation_id=f"update_{r.singular}"
    )
    def update(request: HttpRequest, pk: int, payload: r.patch):  # type: ignore[name-defined]
        entry = _find(r, request, pk)
        save_entry(actor(request), entry, payload.model_dump(exclude_unset=True))
        return _find(r, request, pk)
