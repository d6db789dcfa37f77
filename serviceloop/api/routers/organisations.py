"""Customer organisations: staff see all, a customer sees their own, partners none."""

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from serviceloop.core import policy
from serviceloop.customers.models import Organisation

from ..schemas.directory import OrganisationIn, OrganisationOut, OrganisationPatch
from .directory import Resource, add_resource

router = Router(tags=["organisations"])


def visible(user: Any) -> QuerySet:
    return policy.visible_organisations(user, Organisation.objects.all())


add_resource(router, Resource("organisations", "organisation", visible, OrganisationOut, OrganisationIn,
                              OrganisationPatch))  # fmt: skip
