"""Installed machines: staff see all, a customer their organisation's, a partner those of its products."""

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from serviceloop.core import policy
from serviceloop.customers.models import Machine

from ..schemas.directory import MachineIn, MachineOut, MachinePatch
from .directory import Resource, add_resource

router = Router(tags=["machines"])


def visible(user: Any) -> QuerySet:
    return policy.visible_machines(user, Machine.objects.select_related("organisation", "model"))


add_resource(router, Resource("machines", "machine", visible, MachineOut, MachineIn, MachinePatch))
