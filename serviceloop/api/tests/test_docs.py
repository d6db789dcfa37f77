import re

from django.contrib.staticfiles import finders
from django.test import Client

from serviceloop.api.errors import ALWAYS

from .conftest import openapi

DECLARED_ERRORS = {
    # Each operation's own errors besides ALWAYS (401, 422, 500), by what its services can raise.
    "list_routing_rules": {403},
    "read_routing_rule": {403, 404},
    "delete_routing_rule": {403, 404},
    "test_routing_rules": {400, 403, 404},
    "create_ticket": {400, 403},
    "read_ticket": {404},
    "update_ticket": {400, 403, 404, 409},
    "transition_ticket": {400, 403, 404, 409},
    "record_milestone": {400, 403, 404, 409},
    "ticket_history": {404},
    "list_messages": {404},
    "add_message": {400, 403, 404, 409},
    "upload_attachment": {400, 403, 404, 409, 413},
    "download_attachment": {404},
    "read_user": {404},
    "delete_calendar": {403, 404, 409},
    "delete_sla_policy": {403, 404},
    "list_solution_plans": {404},
    "draft_solution_plan": {400, 403, 404, 409},
    "submit_solution_plan": {403, 404, 409},
    "review_solution_plan": {400, 403, 404, 409},
    "list_escalations": {404},
    "escalate_ticket": {400, 403, 404, 409},
    "de_escalate_ticket": {400, 403, 404, 409},
    "record_verification": {400, 403, 404, 409},
    "list_remote_sessions": {403, 404},
    "record_remote_session": {400, 403, 404, 409},
    "list_experts": {403},
    "list_supplier_offers": {403, 404},
    "offer_ticket": {403, 404, 409},
    "answer_ticket_offer": {400, 403, 404, 409},
    "decline_ticket_offer": {400, 403, 404, 409},
    "search_knowledge_articles": set(),
    "read_article": {404},
    "create_knowledge_article": {400, 403, 404, 409},
    "update_knowledge_article": {400, 403, 404, 409},
    "transition_article": {400, 403, 404, 409},
    "list_article_versions": {403, 404},
    "give_article_feedback": {400, 404},
    "draft_article_from_ticket": {400, 403, 404, 409},
}


def _operations():
    for path, operations in openapi()["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


def _expected(operation_id: str) -> set[int]:
    if operation_id in DECLARED_ERRORS:
        return DECLARED_ERRORS[operation_id]
    if operation_id.startswith("read_") and operation_id != "read_me":
        return {404}
    if operation_id.startswith("create_") and operation_id != "create_ticket":
        return {400, 403, 409}
    if operation_id.startswith("update_") and operation_id != "update_ticket":
        return {400, 403, 404, 409}
    return DECLARED_ERRORS.get(operation_id, set())


def test_openapi_document_is_3_1_and_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/tickets" in document["paths"]
    assert document["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


def test_every_operation_declares_401_422_and_500_with_the_error_schema():
    seen = 0
    for method, path, operation in _operations():
        seen += 1
        responses = operation["responses"]
        for status in ALWAYS:
            assert status in responses, (method, path, status)
        for status, details in responses.items():
            if status >= 400:
                schema = details["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)
        assert operation.get("security") == [{"BearerToken": []}], (method, path)
    assert seen >= 30


def test_every_operation_declares_exactly_the_errors_it_can_answer():
    for method, path, operation in _operations():
        errors = {s for s in operation["responses"] if s >= 400}
        assert errors == {*ALWAYS, *_expected(operation["operationId"])}, (method, path)


def test_json_bodies_read_by_hand_are_documented():
    paths = openapi()["paths"]
    for path in ("/api/v1/tickets", "/api/v1/tickets/{ref}/messages"):
        body = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        name = body["$ref"].rsplit("/", 1)[-1]
        assert "body" in openapi()["components"]["schemas"][name]["properties"]
    assert "CommitmentIn" in openapi()["components"]["schemas"]


def test_docs_page_uses_only_local_static_files(db):
    html = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    for url in re.findall(r"""(?:src|href)="([^"]+)\"""", html):
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
