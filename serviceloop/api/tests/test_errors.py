import logging

from django.test import Client

from serviceloop.api.errors import field_name
from serviceloop.api.routers import tickets as tickets_router


def test_unexpected_exception_is_a_bare_500_and_logged(world, client_for, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(tickets_router, "ticket_page", broken)
    with caplog.at_level(logging.ERROR, logger="serviceloop.api"):
        response = client_for(world.agent).get("/tickets")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal error", "field": None}
    assert b"secret" not in response.content and b"Traceback" not in response.content
    assert "secret database detail" in caplog.text


def test_ninja_validation_errors_use_our_shape(world, client_for):
    ticket = world.ticket()
    response = client_for(world.agent).post(f"/tickets/{ticket.pk}/transitions", {"comment": "no action"})
    assert response.status_code == 422
    assert response.json() == {"detail": "action: Field required", "field": "action"}


def test_unparsable_json_for_a_declared_body_is_400(world, client_for):
    ticket = world.ticket()
    response = client_for(world.agent).post(f"/tickets/{ticket.pk}/transitions", raw="{nope")
    assert response.status_code == 400
    assert response.json()["field"] is None


def test_path_parameter_type_is_named(world, client_for):
    response = client_for(world.agent).get("/users/not-a-number")
    assert response.status_code == 422 and response.json()["field"] == "user_id"
    assert client_for(world.agent).get("/machines/x").json()["field"] == "pk"


def test_unknown_endpoint_is_json_404(db):
    response = Client().get("/api/v1/nowhere/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such endpoint: /api/v1/nowhere/", "field": None}


def test_field_name_strips_sources_params_and_union_tags():
    assert field_name(("body", "payload", "commitments", 0, "promise")) == "commitments.0.promise"
    assert field_name(("query", "received_from", "datetime")) == "received_from"
    assert field_name(("query", "limit")) == "limit"
    assert field_name(()) == "body"
