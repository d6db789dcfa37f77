from .approver import PlanApprover
from .plan import Delivery, PlanState, ResourceKind, SolutionPlan
from .remote_session import SUGGESTED_TOOLS, RemoteSession
from .verification import Outcome, Verification, Via

__all__ = [
    "SUGGESTED_TOOLS",
    "Delivery",
    "Outcome",
    "PlanApprover",
    "PlanState",
    "RemoteSession",
    "ResourceKind",
    "SolutionPlan",
    "Verification",
    "Via",
]
