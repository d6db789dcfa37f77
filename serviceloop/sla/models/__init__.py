from .calendar import BusinessCalendar, ExtraWorkingDay, Holiday, OpeningHours, Weekday
from .clock import SlaClock, TicketPolicy
from .policy import Emergency, SlaPolicy, SlaTarget, Warranty

__all__ = [
    "BusinessCalendar",
    "Emergency",
    "ExtraWorkingDay",
    "Holiday",
    "OpeningHours",
    "SlaClock",
    "SlaPolicy",
    "SlaTarget",
    "TicketPolicy",
    "Warranty",
    "Weekday",
]
