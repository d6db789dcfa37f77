"""Helpers for the portal's tests: a browser signed in as the world's customer, and files to upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import transition


@pytest.fixture
def portal(client: Client, world) -> Client:
    client.force_login(world.customer)
    return client


def a_file(name: str = "photo.jpg", data: bytes = b"\xff\xd8jpeg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def awaiting_verification(world, **fields) -> Ticket:
    """A ticket our engineer believes is fixed and asks the customer to check."""
    ticket = world.ticket(**fields)
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "request_verification")
    return ticket
