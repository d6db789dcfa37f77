"""A NUL character (U+0000) typed or sent into the console: PostgreSQL can neither store nor compare it,
so each search box and form answers with a message on every database, never a server error."""

from django.urls import reverse
from django.utils import timezone

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Ticket

from .conftest import numbers_in, text_of
from .test_phone import call, local

QUEUE = reverse("console:queue")
NULL_REFUSED = "Null characters are not allowed."


def test_the_queue_search_box_refuses_a_nul_and_lists_as_without_it(login, world):
    ticket = world.ticket()
    for q in ("\x00", "grinding\x00noise", "SL-2026-\x00"):
        response = login(world.agent).get(QUEUE, {"q": q})
        assert response.status_code == 200
        html = text_of(response)
        assert NULL_REFUSED in html
        assert numbers_in(html) == [ticket.number]


def test_queue_filters_with_a_nul_are_ignored(login, world):
    ticket = world.ticket()
    response = login(world.agent).get(QUEUE, {"channel": "phone\x00", "sort": "\x00", "view": "mine\x00"})
    assert response.status_code == 200
    assert numbers_in(text_of(response)) == [ticket.number]


def test_the_caller_lookup_finds_nothing_for_a_nul(login, world):
    for url in (reverse("console:lookup"), reverse("console:phone")):
        response = login(world.agent).get(url, {"q": "M\x00"})
        assert response.status_code == 200
        assert world.org.name not in text_of(response)
    # The same lookup without the NUL does find the organisation.
    assert world.org.name in text_of(login(world.agent).get(reverse("console:lookup"), {"q": "Mü"}))


def test_a_phone_call_with_a_stray_nul_field_is_recorded_and_kept(login, world):
    data = call(world, received_at=local(timezone.now(), "UTC"), note="line\x003", **{"x\x00": "1"})
    response = login(world.agent).post(reverse("console:phone"), data)
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    receipt = Receipt.objects.get()
    assert (receipt.state, receipt.ticket) == (Receipt.State.PROCESSED, ticket)
    assert receipt.payload["form"]["note"] == "line\ufffd3" and receipt.payload["form"]["x\ufffd"] == "1"


def test_a_phone_call_with_a_nul_in_its_subject_is_refused_by_the_form(login, world):
    data = call(world, received_at=local(timezone.now(), "UTC"), subject="Alarm\x002041")
    response = login(world.agent).post(reverse("console:phone"), data)
    assert response.status_code == 422
    assert NULL_REFUSED in text_of(response)
    assert not Ticket.objects.exists() and not Receipt.objects.exists()
