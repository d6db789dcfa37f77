import pytest
from django.test import Client


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404_without_internals(settings):
    settings.DEBUG = False
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Not found" in body and "Traceback" not in body and "/no/such/page/" not in body


@pytest.mark.django_db
def test_server_error_shows_no_stack_trace(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "serviceloop.core.tests.exploding_urls"
    response = Client(raise_request_exception=False).get("/explode/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internal detail" not in body and "Traceback" not in body
