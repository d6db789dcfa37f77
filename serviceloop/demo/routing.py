"""Demo routing rules, tier teams, team assignment modes, skills, an absence and a plan approver."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from serviceloop.accounts.models import Absence, AssignmentMode, Skills, Team, User
from serviceloop.customers.models import ProductLine
from serviceloop.routing.models import RoutingRule, Tier, TierTeam
from serviceloop.solutions.models import PlanApprover

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
