"""Everything the ticket page shows, gathered in one place so the GET and every failed POST agree."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from serviceloop.channels.mail import outbox
from serviceloop.core import policy
from serviceloop.knowledge.policy import can_write_articles
from serviceloop.sla.services.emergency import pending_alert
from serviceloop.sla.services.status import clock_rows
from serviceloop.tickets import lifecycle
from serviceloop.tickets.milestones import Milestone
from serviceloop.tickets.models import Status, Ticket

from .customer_file import customer_file
from .forms.ticket import EditForm, MessageForm, TransitionForm
from .timeline import build_timeline
from .views.escalation import escalation_panel
from .views.remote_sessions import after_fix_panel
from .views.solution_plans import plan_panel
from .views.supplier_offers import offer_panel

# Bootstrap button styles: the usual next steps stand out, the final ones look cautious.
_ACTION_STYLE = {
    "take": "primary",
    "start_work": "primary",
    "resolve": "success",
    "confirm_fix": "success",
    "approve_solution": "success",
    "escalate": "outline-danger",
    "reject_solution": "outline-danger",
    "reject_fix": "outline-danger",
    "cancel": "outline-secondary",
    "close": "outline-dark",
}


# Made in panels of their own: submitting a plan proposes it, its review approves or rejects it;
# escalating happens in the tier panel, which asks for the reason and what was tried.
_PANEL_ACTIONS = frozenset(
    {"propose_solution", "approve_solution", "reject_solution", "escalate", "hand_back"}
)


def allowed_actions(user: Any, ticket: Ticket) -> list[tuple[lifecycle.Action, str]]:
    """The moves the ticket's state offers that the user's role may make, with a button style."""
    return [
        (action, _ACTION_STYLE.get(action.name, "outline-primary"))
        for action in lifecycle.available_actions(ticket.status)
        if policy.can_transition(user, action.name) and action.name not in _PANEL_ACTIONS
    ]


def ticket_context(request: HttpRequest, ticket: Ticket, **forms: Any) -> dict[str, Any]:
    """The ticket page's context; bound forms passed in (after a failed POST) replace fresh ones."""
    user = request.user
    actions = allowed_actions(user, ticket)
    watchers = list(ticket.watchers.all())  # a handful at most; one query serves both uses
    edit_form = None
    if policy.can_edit_ticket(user):
        edit_form = forms.get("edit_form") or EditForm(ticket=ticket, user=user)
    return {
        "nav": "queue",
        "ticket": ticket,
        "timeline": build_timeline(user, ticket),
        "file": customer_file(user, ticket),
        "editor": forms.get("editor") or MessageForm(),
        "can_write_notes": policy.can_write_internal_notes(user),
        "actions": [(a, style) for a, style in actions if a.name != "merge"],
        "can_merge": any(a.name == "merge" for a, _style in actions),
        "transition_form": forms.get("transition_form")
        or TransitionForm(initial={"version": ticket.version}),
        "edit_form": edit_form,
        "watching": user in watchers,
        "watcher_count": len(watchers),
        "outgoing_mail": outbox.mails_on_ticket(user, ticket),
        "can_resend_mail": policy.can_resend_mail(user),
        "sla_clocks": clock_rows(ticket.pk, timezone.now()),
        # Only a pinned ticket can have an emergency waiting: no query for the others.
        "emergency_alert": pending_alert(ticket) if ticket.pinned_at else None,
        "can_take_charge": policy.is_staff(user) and policy.can_edit_ticket(user),
        "can_draft_article": ticket.status in (Status.RESOLVED, Status.CLOSED)
        and policy.is_staff(user)
        and can_write_articles(user),
        "milestones": Milestone.choices if policy.can_record_milestones(user) else [],
        "escalation": escalation_panel(user, ticket, forms.get("escalate_form"), forms.get("hand_back_form")),
        "supplier_offer": offer_panel(user, ticket, forms.get("decline_form")),
        "plan": plan_panel(user, ticket, forms.get("plan_form"), forms.get("review_form")),
        "after_fix": after_fix_panel(user, ticket, forms.get("session_form"), forms.get("phone_form")),
    }
