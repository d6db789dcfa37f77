from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from serviceloop.accounts.models import ApiToken


def test_missing_token_is_401_with_a_message(world, client_for):
    response = client_for().get("/tickets")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required.", "field": None}
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer sl_not-a-token", "Bearer ", "Basic dXNlcjpwYXNz"])
def test_bad_token_is_401(world, client_for, header):
    response = client_for().get("/tickets", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_good_token_authenticates_and_revoked_or_inactive_does_not(world, client_for):
    client = client_for(world.agent)
    assert client.get("/users/me").json()["username"] == world.agent.username
    ApiToken.objects.filter(user=world.agent).update(revoked_at=timezone.now())
    assert client.get("/users/me").status_code == 401
    client = client_for(world.engineer)
    world.engineer.is_active = False
    world.engineer.save()
    assert client.get("/users/me").status_code == 401


def test_create_api_token_command_prints_a_working_token(world, client_for):
    out = StringIO()
    call_command("create_api_token", world.customer.username, "--name", "ERP", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("sl_")
    assert ApiToken.objects.get(user=world.customer).name == "ERP"
    response = client_for(token=token).get("/users/me")
    assert response.json()["id"] == world.customer.pk


def test_create_api_token_for_unknown_user_fails_with_message(world):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        call_command("create_api_token", "nobody")


def test_a_tokens_last_use_is_written_at_most_once_a_minute(world, client_for):
    client = client_for(world.agent)
    client.get("/users/me")
    token = ApiToken.objects.get(user=world.agent)
    first = token.last_used_at
    assert first is not None
    client.get("/users/me")
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first  # within the minute: not written
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(seconds=61))
    client.get("/users/me")
    again = ApiToken.objects.get(pk=token.pk).last_used_at
    assert again is not None and again > first
