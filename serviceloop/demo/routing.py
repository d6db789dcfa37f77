"""Demo routing rules, tier teams, team assignment modes, skills, an absence, a plan approver and
the expert register."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from serviceloop.accounts.models import Absence, AssignmentMode, Skills, Team, User
from serviceloop.customers.models import ProductLine, Supplier
from serviceloop.routing.models import ExpertContact, RoutingRule, Tier, TierTeam
from serviceloop.solutions.models import PlanApprover

from .catalogue import HYDRA, OWN, PLASTMAQ
from .people import ENGINEERING, EXPERTS, FIELD_SERVICE, L1_DESK


def _rules(teams: dict[str, Team]) -> None:
    RoutingRule.objects.create(
        name="Tag Chinese-speaking customers", position=10, stop=False, languages=["zh"], tags=["zh"]
    )
    leaks = RoutingRule.objects.create(
        name="Leaks go to the experts", position=20, keywords=["leak", "漏油", "泄漏"], team=teams[EXPERTS],
        tags=["hydraulics"],
    )  # fmt: skip
    leaks.notify_users.add(User.objects.get(username="expert"))
    lasers = RoutingRule.objects.create(
        name="Laser cutters to engineering", position=30, team=teams[ENGINEERING], tags=["laser"]
    )
    lasers.product_lines.add(ProductLine.objects.get(name="Laser cutters"))


def create_routing() -> None:
    teams = {team.name: team for team in Team.objects.all()}
    Team.objects.filter(name=ENGINEERING).update(assignment_mode=AssignmentMode.LEAST_LOADED)
    Team.objects.filter(name=FIELD_SERVICE).update(assignment_mode=AssignmentMode.ROUND_ROBIN)
    named = User.objects.filter(username__in=["engineer", "engineer2", "fieldtech", "expert"])
    people = {user.username: user for user in named}
    Skills.objects.create(user=people["engineer"], languages="en, de")
    Skills.objects.create(user=people["engineer2"], languages="zh-hans, en")
    now = timezone.now()
    Absence.objects.create(
        user=people["fieldtech"], kind=Absence.Kind.FIELD_VISIT, starts_at=now - timedelta(hours=2),
        ends_at=now + timedelta(days=3), note="Commissioning at Müller Präzisionsteile",
    )  # fmt: skip
    lathes = ProductLine.objects.get(name="CNC lathes")
    PlanApprover.objects.create(user=people["expert"], product_line=lathes)  # an expert, approving by line
    for tier, team in ((Tier.L1, L1_DESK), (Tier.ENGINEER, ENGINEERING), (Tier.EXPERT, EXPERTS)):
        TierTeam.objects.create(tier=tier, team=teams[team])
    _rules(teams)
    create_expert_register()


def _contact(company: str, name: str, lines: list[str], **fields: Any) -> ExpertContact:
    contact = ExpertContact.objects.create(company=Supplier.objects.get(name=company), name=name, **fields)
    contact.product_lines.set(ProductLine.objects.filter(name__in=lines))
    return contact


def create_expert_register() -> None:
    """Our expert, the partners' technicians (with logins) and contacts who are only phoned."""
    users = {u.username: u for u in User.objects.filter(username__in=["expert", "partner", "partner2"])}
    _contact(OWN, "Elena Novak", ["CNC lathes"], user=users["expert"], languages="en, de", city="Stuttgart",
             email="elena.novak@serviceloop.example", mobile="+49 171 555 0111")  # fmt: skip
    _contact(HYDRA, "Jonas Weber", ["CNC lathes"], user=users["partner"], languages="de, en",
             city="Böblingen", email="j.weber@hydra-praezision.example", mobile="+49 172 555 0211",
             availability_note="Mon-Fri 07:00-17:00 CET")  # fmt: skip
    _contact(
        HYDRA,
        "Hydra hotline",
        [],
        phone="+49 7031 555 020",
        city="Böblingen",
        availability=ExpertContact.Availability.LIMITED,
        availability_note="Weekends: on-call only",
    )
    _contact(PLASTMAQ, "Ana Souza", [], user=users["partner2"], languages="pt, en", city="São Paulo",
             mobile="+55 11 95555 0311")  # fmt: skip


def suppliers_take_their_share() -> None:
    """Hydra handles its lathes in warranty from now on: set after the demo's history was played,
    so only tickets opened while the demo runs are offered to it."""
    Supplier.objects.filter(name=HYDRA).update(handles_in_warranty=True)
