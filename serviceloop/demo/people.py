"""Demo teams and logins: one user for every role, password = username + "-demo"."""

from __future__ import annotations

from dataclasses import dataclass

from serviceloop.accounts.models import Team, User
from serviceloop.core.roles import Role
from serviceloop.customers.models import Contact, Organisation, Supplier

from .catalogue import HYDRA, PLASTMAQ
from .directory import ORGANISATIONS

PASSWORD_SUFFIX = "-demo"
L1_DESK, ENGINEERING, EXPERTS, FIELD_SERVICE = "L1 desk", "Engineering", "Experts", "Field service"
TEAMS = [
    (L1_DESK, "l1@serviceloop.example"),
    (ENGINEERING, "engineering@serviceloop.example"),
    (EXPERTS, "experts@serviceloop.example"),
    (FIELD_SERVICE, "field@serviceloop.example"),
]
GERMAN_ORG, CHINESE_ORG = ORGANISATIONS[0].name, ORGANISATIONS[1].name


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    first_name: str
    last_name: str
    teams: tuple[str, ...] = ()
    language: str = ""
    time_zone: str = ""
    supplier: str = ""  # partner technicians: the supplier they work for
    contact: str = ""  # customers: the contact person they are
    organisation: str = ""

    @property
    def password(self) -> str:
        return self.username + PASSWORD_SUFFIX


LOGINS = [
    Login("agent", Role.AGENT, "Lisa", "Becker", (L1_DESK,), "en", "Europe/Berlin"),
    Login("agent2", Role.AGENT, "王芳", "", (L1_DESK,), "zh-hans", "Asia/Shanghai"),
    Login("engineer", Role.ENGINEER, "Tom", "Fischer", (ENGINEERING,), "en", "Europe/Berlin"),
    Login("engineer2", Role.ENGINEER, "陈伟", "", (ENGINEERING, FIELD_SERVICE), "zh-hans", "Asia/Shanghai"),
    Login("fieldtech", Role.ENGINEER, "Marco", "Rossi", (FIELD_SERVICE,), "en", "Europe/Berlin"),
    Login("expert", Role.EXPERT, "Elena", "Novak", (EXPERTS,), "en", "Europe/Berlin"),
    Login("supervisor", Role.SUPERVISOR, "Sophie", "Wagner", (L1_DESK, ENGINEERING), "en", "Europe/Berlin"),
    Login("manager", Role.MANAGER, "James", "Carter", (), "en", "America/Chicago"),
    Login("quality", Role.QUALITY, "Priya", "Nair", (), "en", "Asia/Kolkata"),
    Login("admin", Role.ADMIN, "Ada", "Admin", (), "en", "UTC"),
    Login("partner", Role.PARTNER, "Jonas", "Weber", (), "de", "Europe/Berlin", supplier=HYDRA),
    Login("partner2", Role.PARTNER, "Ana", "Souza", (), "en", "America/Sao_Paulo", supplier=PLASTMAQ),
    Login("customer", Role.CUSTOMER, "Anna", "Müller", (), "en", "Europe/Berlin",
          contact="Anna Müller", organisation=GERMAN_ORG),
    Login("customer-cn", Role.CUSTOMER, "李明", "", (), "zh-hans", "Asia/Shanghai",
          contact="李明", organisation=CHINESE_ORG),
]  # fmt: skip
TEAM_LEADS = {L1_DESK: "supervisor", ENGINEERING: "supervisor", EXPERTS: "expert", FIELD_SERVICE: "fieldtech"}


def _create_user(login: Login) -> User:
    user = User(
        username=login.username,
        role=login.role,
        first_name=login.first_name,
        last_name=login.last_name,
        email=f"{login.username}@serviceloop.example",
        language=login.language,
        time_zone=login.time_zone,
        # The admin login also runs Django's admin site; User.save derives is_staff from it.
        is_superuser=login.role == Role.ADMIN,
    )
    if login.supplier:
        user.supplier = Supplier.objects.get(name=login.supplier)
    if login.organisation:
        organisation = Organisation.objects.get(name=login.organisation)
        contact = Contact.objects.get(organisation=organisation, name=login.contact)
        user.organisation = organisation
        user.email = contact.email
    user.set_password(login.password)
    user.save()
    if login.contact:
        Contact.objects.filter(pk=contact.pk).update(user=user)
    return user


def create_people() -> None:
    users = {login.username: _create_user(login) for login in LOGINS}
    teams = {name: Team.objects.create(name=name, email=email) for name, email in TEAMS}
    for login in LOGINS:
        for team in login.teams:
            teams[team].members.add(users[login.username])
    for team_name, username in TEAM_LEADS.items():
        Team.objects.filter(pk=teams[team_name].pk).update(lead=users[username])


def logins_table() -> str:
    """The demo logins as a Markdown table, for the console output and the README."""
    rows = ["| username | password | role | who |", "|---|---|---|---|"]
    for login in LOGINS:
        who = login.organisation or login.supplier or ", ".join(login.teams) or "-"
        rows.append(f"| {login.username} | {login.password} | {login.role} | {who} |")
    return "\n".join(rows)
