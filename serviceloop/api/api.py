"""The REST API: one NinjaAPI, the routers of each resource, bearer-token auth and JSON errors."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from . import errors
from .auth import BearerToken
from .bodies import add_components
from .routers import (
    attachments,
    calendars,
    contacts,
    escalations,
    knowledge,
    knowledge_from_tickets,
    machines,
    messages,
    organisations,
    products,
    routing_rules,
    sla_policies,
    solution_plans,
    supplier_offers,
    tickets,
    users,
    verification,
)


class ServiceloopAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        add_components(schema)
        return schema

    def get_openapi_operation_id(self, operation: Any) -> str:
        # View names are unique across the routers and read better than ninja's module-prefixed ids.
        return operation.view_func.__name__


api = ServiceloopAPI(
    title="Serviceloop API",
    version="1",
    description="Tickets, customers, machines and the catalogue. Authenticate with "
    "`Authorization: Bearer <token>`; create a token with `serviceloop create_api_token USERNAME`.",
    auth=BearerToken(),
    urls_namespace="api",
    # The docs page loads Swagger UI from the static files ninja ships (ninja is an installed app),
    # never from a CDN.
    docs=Swagger(settings={"persistAuthorization": True}),
)
errors.install(api)
for module in (
    tickets,
    messages,
    attachments,
    organisations,
    contacts,
    machines,
    products,
    users,
    calendars,
    sla_policies,
    solution_plans,
    escalations,
    routing_rules,
    verification,
    supplier_offers,
    knowledge,
    knowledge_from_tickets,
):
    api.add_router("", module.router)
