from .api_token import ApiToken
from .availability import Absence, PersonalHours, TeamHours, Weekday
from .partner_audit import PartnerAccess
from .roster import RosterRevision
from .skills import Skills
from .team import AssignmentMode, Team
from .user import User

__all__ = [
    "Absence",
    "ApiToken",
    "AssignmentMode",
    "PartnerAccess",
    "PersonalHours",
    "RosterRevision",
    "Skills",
    "Team",
    "TeamHours",
    "User",
    "Weekday",
]
