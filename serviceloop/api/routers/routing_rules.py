"""Routing rules: where new tickets go. Administrators only; others are answered 403."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from serviceloop.routing.services import administration
from serviceloop.routing.services.deciding import Decision
from serviceloop.routing.services.testing import Sample, reason, try_sample

from ..auth import actor
from ..errors import responses
from ..pagination import paginate
from ..schemas.common import PageQuery
from ..schemas.routing import RoutingRuleIn, RoutingRuleOut, RoutingRulePatch, RoutingTestIn, RoutingTestOut
from .directory import page_of

router = Router(tags=["routing"])
RoutingRulePage = page_of(RoutingRuleOut)


@router.get("/routing-rules", response=responses({200: RoutingRulePage}, 403))
def list_routing_rules(request: HttpRequest, page: Query[PageQuery]):
    """Rules in the order they are tried."""
    rules = administration.rules_for(actor(request))
    items, next_cursor = paginate(
        rules, ["position"], cursor=page.cursor, limit=page.limit, tag="routing-rules"
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post("/routing-rules/test", response=responses({200: RoutingTestOut}, 400, 403, 404))
def test_routing_rules(request: HttpRequest, payload: RoutingTestIn):
    """Which rule would fire for a sample ticket, and why each rule would or would not. With `rule`,
    a rule not saved yet is tried in its place (instead of `rule_id`, when it is a change of that one).
    Nothing is written."""
    user = actor(request)
    candidate = None
    if payload.rule is not None:
        base = administration.find_rule(user, payload.rule_id) if payload.rule_id else None
        sent = payload.rule.model_dump(exclude_unset=True)
        candidate = administration.unsaved_rule(user, sent, base)
    else:
        administration.rules_for(user)  # administrators only
    verdicts, decision = try_sample(Sample(**payload.sample.model_dump()), candidate, payload.rule_id)
    return {
        "fires": [rule.name for rule in decision.fired],
        "decision": _decision(decision),
        "rules": [
            {"id": v.rule.pk, "name": v.rule.name, "position": v.rule.position, "matched": v.matched,
             "tried": v.tried, "failed_condition": v.failed_condition, "reason": reason(v)}
            for v in verdicts
        ],
    }  # fmt: skip


def _decision(decision: Decision) -> dict[str, Any]:
    values = {name: value for name, (value, _rule) in decision.values.items()}
    return {
        **{name: values.get(name) for name in ("team_id", "assignee_id", "priority", "sla_policy_id")},
        "tags": list(decision.tags),
        "notify_user_ids": sorted(decision.notify_user_ids),
        "notify_team_ids": sorted(decision.notify_team_ids),
    }


@router.get("/routing-rules/{rule_id}", response=responses({200: RoutingRuleOut}, 403, 404))
def read_routing_rule(request: HttpRequest, rule_id: int):
    return administration.find_rule(actor(request), rule_id)


@router.post("/routing-rules", response=responses({201: RoutingRuleOut}, 400, 403, 409))
def create_routing_rule(request: HttpRequest, payload: RoutingRuleIn):
    user = actor(request)
    created = administration.create_rule(user, payload.model_dump())
    return Status(201, administration.find_rule(user, created.pk))


@router.patch("/routing-rules/{rule_id}", response=responses({200: RoutingRuleOut}, 400, 403, 404, 409))
def update_routing_rule(request: HttpRequest, rule_id: int, payload: RoutingRulePatch):
    """Change the fields sent (`position` to reorder); an id list sent replaces the old one."""
    user = actor(request)
    rule = administration.find_rule(user, rule_id)
    administration.change_rule(user, rule, payload.model_dump(exclude_unset=True))
    return administration.find_rule(user, rule_id)


@router.delete("/routing-rules/{rule_id}", response=responses({204: None}, 403, 404))
def delete_routing_rule(request: HttpRequest, rule_id: int):
    user = actor(request)
    administration.delete_rule(user, administration.find_rule(user, rule_id))
    return Status(204, None)
