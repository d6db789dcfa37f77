"""The conversation of a ticket: public replies and internal notes."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from serviceloop.tickets import services
from serviceloop.tickets.models import Channel

from ..auth import actor
from ..bodies import documented, receive_json
from ..errors import responses
from ..pagination import paginate
from ..schemas.common import PageQuery
from ..schemas.conversation import MessageIn, MessageOut, MessagePage

router = Router(tags=["messages"])


@router.get("/tickets/{ref}/messages", response=responses({200: MessagePage}, 404))
def list_messages(request: HttpRequest, ref: str, page: Query[PageQuery]):
    """The conversation, oldest first; internal notes only for those who may see them."""
    user = actor(request)
    messages = services.visible_messages(user, services.get_visible_ticket(user, ref))
    items, next_cursor = paginate(
        messages, ["created_at", "id"], cursor=page.cursor, limit=page.limit, tag="messages"
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/tickets/{ref}/messages",
    response=responses({201: MessageOut}, 400, 403, 404, 409),
    openapi_extra=documented(MessageIn),
)
def add_message(request: HttpRequest, ref: str):
    """Reply to the customer, or (`internal`: true) leave a note only the service side sees."""
    user = actor(request)

    def process(data: MessageIn):
        ticket = services.get_visible_ticket(user, ref)
        return services.add_message(user, ticket, data.body, internal=data.internal, channel=Channel.API,
                                    share_with_partner=data.share_with_partner)  # fmt: skip

    return Status(201, receive_json(request, MessageIn, process))
