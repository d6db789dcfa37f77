"""Who may see and do what: the one place that decides.

Every face (console, portal, API, search, mail) asks this module, so a partner's or a customer's
view of the data is the same everywhere. Functions take duck-typed users (`role`,
`organisation_id`, `supplier_id`) and querysets, so this foundation imports no higher layer.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db.models import Q, QuerySet

from .roles import APPROVER_ROLES, STAFF_ROLES, Role


class Actor(Protocol):
    pk: Any
    role: str
    organisation_id: int | None
    supplier_id: int | None
    is_active: bool
    is_authenticated: bool


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and user.role in STAFF_ROLES


def is_partner(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role == Role.PARTNER


def is_customer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role == Role.CUSTOMER


def ticket_scope(user: Any) -> Q | None:
    """The filter that limits tickets to those `user` may see; None means nothing at all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.role in STAFF_ROLES:
        return Q()
    if user.role == Role.PARTNER and user.supplier_id:
        # A partner sees tickets about the products it stands behind: the machine's own supplier
        # when the machine names one, otherwise the model's supplier.
        return Q(machine__supplier_id=user.supplier_id) | Q(
            machine__supplier__isnull=True, product_model__supplier_id=user.supplier_id
        )
    if user.role == Role.CUSTOMER and user.organisation_id:
        return Q(organisation_id=user.organisation_id)
    return None


def visible_tickets(user: Any, tickets: QuerySet) -> QuerySet:
    scope = ticket_scope(user)
    return tickets.none() if scope is None else tickets.filter(scope)


def organisation_scope(user: Any) -> Q | None:
    if is_staff(user):
        return Q()
    if is_customer(user) and user.organisation_id:
        return Q(pk=user.organisation_id)
    return None


def visible_organisations(user: Any, organisations: QuerySet) -> QuerySet:
    scope = organisation_scope(user)
    return organisations.none() if scope is None else organisations.filter(scope)


def visible_machines(user: Any, machines: QuerySet) -> QuerySet:
    if is_staff(user):
        return machines
    if is_customer(user) and user.organisation_id:
        return machines.filter(organisation_id=user.organisation_id)
    if is_partner(user) and user.supplier_id:
        return machines.filter(
            Q(supplier_id=user.supplier_id) | Q(supplier__isnull=True, model__supplier_id=user.supplier_id)
        )
    return machines.none()


def can_see_internal_notes(user: Any) -> bool:
    """Reads internal notes at all: staff all of them, partners those shared with them."""
    return is_staff(user) or is_partner(user)


def can_read_note(user: Any, shared_with_partner: bool) -> bool:
    """Reads this internal note: staff always, a partner's technician when it was shared with them."""
    return is_staff(user) or (is_partner(user) and shared_with_partner)


def can_write_internal_notes(user: Any) -> bool:
    return can_see_internal_notes(user)


def can_edit_ticket(user: Any) -> bool:
    """Change classification, assignment and other fields of a ticket the user can see."""
    return is_staff(user) and user.role != Role.QUALITY


def can_approve_solutions(user: Any) -> bool:
    return is_staff(user) and user.role in APPROVER_ROLES


def can_write_solution_plans(user: Any) -> bool:
    """Draft, revise and submit solution plans (on tickets the user can see): engineers and partners."""
    return (is_staff(user) and user.role != Role.QUALITY) or is_partner(user)


def can_manage_directory(user: Any) -> bool:
    """Create or change organisations, contacts, machines and the catalogue."""
    return is_staff(user)


def can_use_console(user: Any) -> bool:
    return is_staff(user) or is_partner(user)


def can_manage_users(user: Any) -> bool:
    return is_staff(user) and user.role in {Role.ADMIN, Role.MANAGER, Role.SUPERVISOR}


def can_manage_mail(user: Any) -> bool:
    """See received mail that failed or was ignored, read its source and process it again."""
    return is_staff(user) and user.role in {Role.ADMIN, Role.MANAGER, Role.SUPERVISOR}


def can_record_milestones(user: Any) -> bool:
    """Say that a remote contact, a site arrival, an order confirmation... happened."""
    return (is_staff(user) and user.role != Role.QUALITY) or is_partner(user)


def can_record_remote_sessions(user: Any) -> bool:
    """Record a remote assistance session (on a ticket the user can see): engineers and partners."""
    return (is_staff(user) and user.role != Role.QUALITY) or is_partner(user)


def can_see_remote_sessions(user: Any) -> bool:
    """Customers are not shown them: what was done is written for the service side, like a note."""
    return is_staff(user) or is_partner(user)


def can_manage_routing(user: Any) -> bool:
    """Routing rules decide where every ticket goes: administrators keep them."""
    return is_staff(user) and user.role == Role.ADMIN


def can_manage_service_levels(user: Any) -> bool:
    """Change business calendars, SLA policies, their targets and escalation chains."""
    return is_staff(user) and user.role in {Role.ADMIN, Role.MANAGER, Role.SUPERVISOR}


def can_see_service_level_board(user: Any) -> bool:
    """The supervisors' board of tickets at risk and breached, across teams and engineers."""
    return is_staff(user) and user.role in {Role.ADMIN, Role.MANAGER, Role.SUPERVISOR, Role.QUALITY}


def can_resend_mail(user: Any) -> bool:
    """Send again a mail to a customer that the mail server refused for good."""
    return is_staff(user) and user.role != Role.QUALITY


_STAFF_WORKERS = STAFF_ROLES - {Role.QUALITY}
_TRANSITION_ROLES: dict[str, frozenset[str]] = {
    "take": _STAFF_WORKERS,
    "escalate": _STAFF_WORKERS,
    "hand_back": _STAFF_WORKERS,
    "wait_for_customer": _STAFF_WORKERS | {Role.PARTNER},
    "customer_replied": _STAFF_WORKERS | {Role.PARTNER, Role.CUSTOMER},
    "wait_for_parts": _STAFF_WORKERS | {Role.PARTNER},
    "parts_arrived": _STAFF_WORKERS | {Role.PARTNER},
    "propose_solution": _STAFF_WORKERS | {Role.PARTNER},
    "approve_solution": APPROVER_ROLES,
    "reject_solution": APPROVER_ROLES,
    "start_work": _STAFF_WORKERS | {Role.PARTNER},
    "request_verification": _STAFF_WORKERS | {Role.PARTNER},
    "confirm_fix": _STAFF_WORKERS | {Role.CUSTOMER},
    "reject_fix": _STAFF_WORKERS | {Role.CUSTOMER},
    "resolve": _STAFF_WORKERS,
    "close": _STAFF_WORKERS,
    "reopen": _STAFF_WORKERS | {Role.CUSTOMER},
    "cancel": _STAFF_WORKERS,
    "merge": _STAFF_WORKERS,
}


def can_transition(user: Any, action: str) -> bool:
    """Whether `user`'s role may perform lifecycle `action` (on a ticket they can see)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role in _TRANSITION_ROLES.get(action, frozenset())
