"""Contacts: people at the organisations a user may see."""

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from serviceloop.core import policy
from serviceloop.customers.models import Contact, Organisation

from ..schemas.directory import ContactIn, ContactOut, ContactPatch
from .directory import Resource, add_resource

router = Router(tags=["contacts"])


def visible(user: Any) -> QuerySet:
    organisations = policy.visible_organisations(user, Organisation.objects.all())
    return Contact.objects.filter(organisation__in=organisations).select_related("organisation")


add_resource(router, Resource("contacts", "contact", visible, ContactOut, ContactIn, ContactPatch))
