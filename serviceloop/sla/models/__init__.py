from .calendar import BusinessCalendar, ExtraWorkingDay, Holiday, OpeningHours, Weekday
from .clock import SlaClock, TicketPolicy
from .emergency import EmergencyAlert
from .escalation import EscalationAction, EscalationLevel
from .policy import Emergency, SlaPolicy, SlaTarget, Warranty

__all__ = [
    "BusinessCalendar",
    "Emergency",
    "EmergencyAlert",
    "EscalationAction",
    "EscalationLevel",
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
