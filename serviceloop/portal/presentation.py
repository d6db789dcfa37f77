"""How a ticket's status reads to a customer: plain words, and where it stands in the closed loop.

The console speaks the service team's language (escalated, solution approved...); a customer only
needs to know whether we have it, are working on it, or wait for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from serviceloop.tickets.models import Status

# The closed loop every request goes through, as the customer sees it.
STEPS = (_("Received"), _("Being handled"), _("Solution"), _("Verification"), _("Resolved"))

_S = Status


@dataclass(frozen=True)
class CustomerStatus:
    label: object
    step: int | None  # index into STEPS; None: the ticket left the loop (cancelled, merged)
    tone: str  # a Bootstrap colour name for the badge


_STATUS: dict[str, CustomerStatus] = {
    _S.NEW: CustomerStatus(_("Received"), 0, "secondary"),
    _S.OPEN: CustomerStatus(_("Being handled"), 1, "primary"),
    _S.ESCALATED: CustomerStatus(_("With our specialists"), 1, "primary"),
    _S.REOPENED: CustomerStatus(_("Reopened, being handled"), 1, "primary"),
    _S.PENDING_CUSTOMER: CustomerStatus(_("Waiting for your reply"), 1, "warning"),
    _S.WAITING_FOR_PARTS: CustomerStatus(_("Waiting for spare parts"), 2, "info"),
    _S.SOLUTION_PROPOSED: CustomerStatus(_("Solution being prepared"), 2, "info"),
    _S.SOLUTION_APPROVED: CustomerStatus(_("Solution being prepared"), 2, "info"),
    _S.IN_PROGRESS: CustomerStatus(_("Solution in progress"), 2, "info"),
    _S.AWAITING_VERIFICATION: CustomerStatus(_("Please check the fix"), 3, "warning"),
    _S.RESOLVED: CustomerStatus(_("Resolved"), 4, "success"),
    _S.CLOSED: CustomerStatus(_("Closed"), 4, "success"),
    _S.CANCELLED: CustomerStatus(_("Cancelled"), None, "secondary"),
    _S.MERGED: CustomerStatus(_("Merged into another request"), None, "secondary"),
}
_UNKNOWN = CustomerStatus(_("Being handled"), 1, "primary")


def customer_status(status: str) -> CustomerStatus:
    return _STATUS.get(status, _UNKNOWN)


def progress(status: str) -> list[dict[str, object]]:
    """The loop's steps, each marked done, current or to come; empty when the ticket left the loop."""
    step = customer_status(status).step
    if step is None:
        return []
    return [
        {"label": label, "state": "done" if i < step or step == len(STEPS) - 1 else
         "current" if i == step else "todo"}
        for i, label in enumerate(STEPS)
    ]  # fmt: skip
