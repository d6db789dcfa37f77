"""Business rules of the ticket. Every face (console, portal, API, mail) calls these functions."""

from .changes import assign, change_by_rule, update_ticket
from .conversation import Upload, add_attachment, add_message
from .creation import NewTicket, create_ticket
from .deadline import set_due_at
from .listing import VIEWS, TicketFilter, filter_tickets, pinned_tickets
from .milestones import record_milestone
from .pinning import set_pinned
from .queries import get_visible_ticket, search_tickets, visible_history, visible_messages
from .transitions import transition
from .watching import set_watching

__all__ = [
    "VIEWS",
    "NewTicket",
    "TicketFilter",
    "Upload",
    "add_attachment",
    "add_message",
    "assign",
    "change_by_rule",
    "create_ticket",
    "filter_tickets",
    "get_visible_ticket",
    "pinned_tickets",
    "record_milestone",
    "search_tickets",
    "set_due_at",
    "set_pinned",
    "set_watching",
    "transition",
    "update_ticket",
    "visible_history",
    "visible_messages",
]
