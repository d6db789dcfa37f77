from .attachment import Attachment
from .classification import FaultType, Tag
from .commitment import Commitment
from .history import TicketEvent
from .message import Message
from .sequence import TicketNumberSequence
from .ticket import Category, Channel, Impact, Status, Ticket, Urgency

__all__ = [
    "Attachment",
    "Category",
    "Channel",
    "Commitment",
    "FaultType",
    "Impact",
    "Message",
    "Status",
    "Tag",
    "Ticket",
    "TicketEvent",
    "TicketNumberSequence",
    "Urgency",
]
