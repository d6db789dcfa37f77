"""Solution plans: written, submitted, reviewed, and sent to the customer once approved."""

from .approvers import approvers_for, is_delegate, may_review
from .content import PlanContent
from .drafting import edit, start_version
from .reading import approved_plan, get_plan, latest_plan, plan_in_force, visible_plans
from .review import Decision, can_review, review
from .submission import submit

__all__ = [
    "Decision",
    "PlanContent",
    "approved_plan",
    "approvers_for",
    "can_review",
    "edit",
    "get_plan",
    "is_delegate",
    "latest_plan",
    "may_review",
    "plan_in_force",
    "review",
    "start_version",
    "submit",
    "visible_plans",
]
