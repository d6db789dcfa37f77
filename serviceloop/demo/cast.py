"""The loaded demo world in memory: who and what tickets can be about, for the ticket generators."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from serviceloop.accounts.models import Team, User
from serviceloop.core.roles import Role
from serviceloop.customers.models import Contact, Machine, Organisation, ProductModule
from serviceloop.tickets.models import FaultType


@dataclass
class Cast:
    organisations: list[Organisation]
    contacts: dict[int, list[Contact]]  # by organisation id
    machines: dict[int, list[Machine]]  # by organisation id, with model and supplier loaded
    modules: dict[int, list[ProductModule]]  # by product line id
    faults: dict[str, FaultType]
    users: dict[str, User]  # by username
    teams: dict[str, Team]  # by name
    customers: dict[int, User] = field(default_factory=dict)  # a portal login per organisation
    partners: dict[int, User] = field(default_factory=dict)  # a technician per supplier id

    def chinese(self, organisation: Organisation) -> bool:
        return organisation.language == "zh-hans"

    def partner_for(self, machine: Machine | None) -> User | None:
        if machine is None:
            return None
        supplier_id = machine.supplier_id or machine.model.supplier_id
        return self.partners.get(supplier_id) if supplier_id else None


def load_cast() -> Cast:
    """Read the directory, catalogue and people once, so generating tickets costs no lookups."""
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for contact in Contact.objects.order_by("organisation_id", "id"):
        contacts[contact.organisation_id].append(contact)
    machines: dict[int, list[Machine]] = defaultdict(list)
    for machine in Machine.objects.select_related("model").order_by("organisation_id", "id"):
        machines[machine.organisation_id].append(machine)
    modules: dict[int, list[ProductModule]] = defaultdict(list)
    for module in ProductModule.objects.order_by("line_id", "id"):
        modules[module.line_id].append(module)
    users = {u.username: u for u in User.objects.order_by("id")}
    cast = Cast(
        organisations=list(Organisation.objects.order_by("id")),
        contacts=dict(contacts),
        machines=dict(machines),
        modules=dict(modules),
        faults={f.code: f for f in FaultType.objects.all()},
        users=users,
        teams={t.name: t for t in Team.objects.all()},
    )
    for user in users.values():
        if user.role == Role.CUSTOMER and user.organisation_id and user.is_active:
            cast.customers.setdefault(user.organisation_id, user)
        if user.role == Role.PARTNER and user.supplier_id and user.is_active:
            cast.partners.setdefault(user.supplier_id, user)
    return cast
