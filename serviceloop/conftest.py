"""Fixtures shared by every app's tests: a small world of customers, machines and people."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from serviceloop.accounts.models import Team, User
from serviceloop.core.roles import Role
from serviceloop.customers.models import (
    Contact,
    Machine,
    Organisation,
    ProductLine,
    ProductModel,
    ProductModule,
    Supplier,
)
from serviceloop.tickets.models import Channel, FaultType, Ticket
from serviceloop.tickets.services import NewTicket, create_ticket
from serviceloop.tickets.services.numbering import forget_sequences

_seq = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """Build the .mo catalogues (not in git) so every test sees the translated UI; cheap when current."""
    call_command("compile_translations", verbosity=0)


@pytest.fixture(autouse=True)
def default_language() -> None:
    """Start each test in the default language: a request leaves its user's language active on the thread."""
    translation.deactivate()


@pytest.fixture(autouse=True)
def ticket_numbers_start_afresh(request, django_db_blocker):
    """A test that commits (transaction=True) leaves PostgreSQL's yearly number sequences behind
    when its tables are emptied: drop them, so the next test's first ticket is number 1 again."""
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = marker is not None and marker.kwargs.get("transaction")
    if committed or {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            forget_sequences()


def make_user(role: str, **extra) -> User:
    n = next(_seq)
    username = extra.pop("username", f"{role}{n}")
    user = User(
        username=username, role=role, email=f"{username}@example.test", first_name=role.title(), **extra
    )
    user.set_password("correct horse battery")
    user.save()
    return user


@dataclass
class World:
    own: Supplier
    partner_a: Supplier
    partner_b: Supplier
    line: ProductLine
    model_a: ProductModel
    model_b: ProductModel
    spindle: ProductModule
    org: Organisation
    other_org: Organisation
    contact: Contact
    machine_a: Machine
    machine_b: Machine
    other_machine: Machine
    fault: FaultType
    team: Team
    agent: User
    engineer: User
    supervisor: User
    manager: User
    quality: User
    admin: User
    partner_a_tech: User
    partner_b_tech: User
    customer: User
    other_customer: User

    def ticket(self, actor: User | None = None, **fields) -> Ticket:
        data: dict[str, Any] = {
            "subject": "Spindle makes a grinding noise",
            "body": "Since this morning the spindle of our lathe grinds at 3000 rpm.",
            "channel": Channel.PHONE,
            "organisation_id": self.org.pk,
            "contact_id": self.contact.pk,
            "machine_id": self.machine_a.pk,
        }
        data.update(fields)
        return create_ticket(actor or self.agent, NewTicket(**data))


@pytest.fixture
def world(db) -> World:
    own = Supplier.objects.create(name="Serviceloop Machines", kind=Supplier.Kind.OWN)
    partner_a = Supplier.objects.create(
        name="Hydra Partner GmbH", kind=Supplier.Kind.PARTNER, email="tech@hydra.test"
    )
    partner_b = Supplier.objects.create(
        name="Spark Controls", kind=Supplier.Kind.SUPPLIER, email="help@spark.test"
    )
    line = ProductLine.objects.create(name="CNC lathes")
    model_a = ProductModel.objects.create(line=line, code="CL-200", name="Lathe 200", supplier=partner_a)
    model_b = ProductModel.objects.create(line=line, code="CL-300", name="Lathe 300", supplier=partner_b)
    spindle = ProductModule.objects.create(line=line, name="Spindle")
    org = Organisation.objects.create(
        name="Müller Fertigung", country="DE", time_zone="Europe/Berlin", language="en"
    )
    other_org = Organisation.objects.create(
        name="上海精工", country="CN", time_zone="Asia/Shanghai", language="zh-hans"
    )
    contact = Contact.objects.create(
        organisation=org, name="Anna Müller", email="anna@mueller.test", phone="+49 30 1"
    )
    machine_a = Machine.objects.create(organisation=org, model=model_a, serial_number="CL200-0001")
    machine_b = Machine.objects.create(organisation=org, model=model_b, serial_number="CL300-0002")
    other_machine = Machine.objects.create(organisation=other_org, model=model_a, serial_number="CL200-0099")
    agent = make_user(Role.AGENT)
    team = Team.objects.create(name="L1 desk")
    team.members.add(agent)
    customer = make_user(Role.CUSTOMER, organisation=org)
    contact.user = customer
    contact.save()
    return World(
        own=own, partner_a=partner_a, partner_b=partner_b, line=line, model_a=model_a, model_b=model_b,
        spindle=spindle, org=org, other_org=other_org, contact=contact, machine_a=machine_a,
        machine_b=machine_b, other_machine=other_machine,
        fault=FaultType.objects.create(code="noise", name="Abnormal noise", name_zh="异响"),
        team=team, agent=agent, engineer=make_user(Role.ENGINEER), supervisor=make_user(Role.SUPERVISOR),
        manager=make_user(Role.MANAGER), quality=make_user(Role.QUALITY), admin=make_user(Role.ADMIN),
        partner_a_tech=make_user(Role.PARTNER, supplier=partner_a),
        partner_b_tech=make_user(Role.PARTNER, supplier=partner_b),
        customer=customer, other_customer=make_user(Role.CUSTOMER, organisation=other_org),
    )  # fmt: skip


@pytest.fixture
def admin_client(world: World) -> Client:
    """The administrator signed in to Django's admin (administrators are superusers, as the demo
    makes them)."""
    world.admin.is_superuser = True
    world.admin.save()
    client = Client()
    client.force_login(world.admin)
    return client
