"""Assignment inside a team: who of its members gets a ticket (manual, round robin, least loaded).

Services only; the models (skills, working hours, absences, the team's mode) live in accounts.
"""

from .assigning import assign_within_team
from .choosing import choose_assignee, least_loaded, open_load, round_robin
from .eligibility import available_members, eligible_ids, eligible_members

__all__ = [
    "assign_within_team",
    "available_members",
    "choose_assignee",
    "eligible_ids",
    "eligible_members",
    "least_loaded",
    "open_load",
    "round_robin",
]
