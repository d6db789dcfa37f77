"""Messages and attachments of a ticket."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from serviceloop.tickets.text import body_to_html

from .common import Input, UserRef


class MessageIn(Input):
    body: str
    internal: bool = False
    share_with_partner: bool = Field(
        False, description="An internal note also for the partner technicians of the ticket's product."
    )


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    internal: bool
    uploaded_at: datetime
    url: str

    @staticmethod
    def resolve_internal(obj: Any) -> bool:
        return obj.is_internal

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("api:download_attachment", kwargs={"attachment_id": obj.pk})


class MessageOut(Schema):
    id: int
    kind: str
    internal: bool
    shared_with_partner: bool
    author: UserRef | None
    author_name: str
    channel: str
    body: str
    body_html: str
    created_at: datetime
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_internal(obj: Any) -> bool:
        return obj.is_internal

    @staticmethod
    def resolve_body_html(obj: Any) -> str:
        return body_to_html(obj.body)

    @staticmethod
    def resolve_attachments(obj: Any) -> list[Any]:
        return list(obj.attachments.all())


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None
