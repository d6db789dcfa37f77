"""SLA policies: which tickets each applies to and what it promises them. Staff may read them;
supervisors, support managers and administrators may change them."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from serviceloop.sla.services import administration

from ..auth import actor
from ..errors import responses
from ..pagination import paginate
from ..schemas.common import PageQuery
from ..schemas.service_levels import SlaPolicyIn, SlaPolicyOut, SlaPolicyPatch
from .directory import page_of

router = Router(tags=["service levels"])
SlaPolicyPage = page_of(SlaPolicyOut)


@router.get("/sla-policies", response=responses({200: SlaPolicyPage}))
def list_sla_policies(request: HttpRequest, page: Query[PageQuery]):
    """Policies in the order they are tried (an empty list for partners and customers)."""
    policies = administration.visible_policies(actor(request))
    items, next_cursor = paginate(
        policies, ["position"], cursor=page.cursor, limit=page.limit, tag="sla-policies"
    )
    return {"items": items, "next_cursor": next_cursor}


@router.get("/sla-policies/{policy_id}", response=responses({200: SlaPolicyOut}, 404))
def read_sla_policy(request: HttpRequest, policy_id: int):
    return administration.find_policy(actor(request), policy_id)


@router.post("/sla-policies", response=responses({201: SlaPolicyOut}, 400, 403, 409))
def create_sla_policy(request: HttpRequest, payload: SlaPolicyIn):
    user = actor(request)
    created = administration.create_policy(user, payload.model_dump())
    return Status(201, administration.find_policy(user, created.pk))


@router.patch("/sla-policies/{policy_id}", response=responses({200: SlaPolicyOut}, 400, 403, 404, 409))
def update_sla_policy(request: HttpRequest, policy_id: int, payload: SlaPolicyPatch):
    """Change the fields sent (`position` to reorder); organisation_ids, product_line_ids or targets
    sent replace all of theirs."""
    user = actor(request)
    sla_policy = administration.find_policy(user, policy_id)
    administration.change_policy(user, sla_policy, payload.model_dump(exclude_unset=True))
    return administration.find_policy(user, policy_id)


@router.delete("/sla-policies/{policy_id}", response=responses({204: None}, 403, 404))
def delete_sla_policy(request: HttpRequest, policy_id: int):
    """Delete a policy and its targets; tickets under it keep the clocks they have."""
    user = actor(request)
    administration.delete_policy(user, administration.find_policy(user, policy_id))
    return Status(204, None)
