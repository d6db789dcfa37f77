import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Channel, Ticket

from .conftest import text_of

PHONE = reverse("console:phone")


def call(world, **changes) -> dict:
    data = {
        "organisation": world.org.pk, "contact": "",
        "caller_name": "Jonas Weber", "caller_phone": "+49 171 555",
        "machine": world.machine_a.pk, "product_module": world.spindle.pk, "category": "technical",
        "urgency": "high", "impact": "stopped", "subject": "Lathe stopped: spindle alarm 2041",
        "description": "Spindle alarm 2041 after tool change; line 3 is down.",
        "promise": "Engineer calls back", "promise_due": "", "received_at": "",
    }  # fmt: skip
    data.update(changes)
    return data


def local(dt, zone: str) -> str:
    return dt.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def test_the_form_opens_with_now_in_the_agents_zone(login, world):
    world.agent.time_zone = "Asia/Shanghai"
    world.agent.save()
    html = text_of(login(world.agent).get(PHONE))
    now = local(timezone.now(), "Asia/Shanghai")[:13]  # to the hour, so the test never races the clock
    assert f'name="received_at" value="{now}' in html
    assert "Asia/Shanghai" in html
    assert "data-key-search" in html and "console/keys.js" in html


def test_a_call_logged_afterwards_becomes_a_ticket(login, world):
    zone = "Asia/Shanghai"
    world.agent.time_zone = zone
    world.agent.save()
    received = (timezone.now() - timedelta(hours=3)).replace(second=0, microsecond=0)
    due = received + timedelta(hours=4)
    response = login(world.agent).post(
        PHONE, call(world, received_at=local(received, zone), promise_due=local(due, zone))
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("console:ticket", args=[ticket.number])
    assert ticket.received_at == received  # typed in Shanghai time, stored as the same instant
    assert (ticket.channel, ticket.organisation, ticket.machine, ticket.product_module) == (
        Channel.PHONE, world.org, world.machine_a, world.spindle
    )  # fmt: skip
    assert (ticket.priority, ticket.category, ticket.created_by) == (1, "technical", world.agent)
    commitment = ticket.commitments.get()
    assert (commitment.promise, commitment.due_at, commitment.made_by) == (
        "Engineer calls back",
        due,
        world.agent,
    )
    first = ticket.messages.get()
    assert first.author_name == "Jonas Weber"
    assert first.body.startswith("Caller: Jonas Weber\nPhone: +49 171 555\n\nSpindle alarm 2041")
    assert first.created_at == received
    receipt = Receipt.objects.get()
    assert (receipt.source, receipt.state, receipt.ticket, receipt.received_by) == (
        "phone", Receipt.State.PROCESSED, ticket, world.agent
    )  # fmt: skip
    assert receipt.payload["form"]["caller_name"] == "Jonas Weber"
    assert receipt.payload["time_zone"] == zone
    assert "csrfmiddlewaretoken" not in receipt.payload["form"]
    page = text_of(login(world.agent).get(response["Location"]))
    assert re.search(rf"<strong>Jonas Weber</strong>\s*<span [^>]*>logged by {world.agent}</span>", page)


def test_executive_hotline_and_a_contact_on_file(login, world):
    now = local(timezone.now(), "UTC")
    login(world.agent).post(
        PHONE,
        call(
            world, executive="on", contact=world.contact.pk, caller_name="", caller_phone="", received_at=now
        ),
    )
    ticket = Ticket.objects.get()
    assert (ticket.channel, ticket.contact) == (Channel.EXECUTIVE, world.contact)
    assert ticket.messages.get().body.startswith("Caller: Anna Müller\nPhone: +49 30 1\n\n")


def test_bad_input_shows_errors_and_creates_nothing(login, world):
    client = login(world.agent)
    response = client.post(
        PHONE,
        call(
            world,
            organisation="",
            subject="",
            caller_name="",
            received_at="not a time",
            promise="",
            promise_due=local(timezone.now(), "UTC"),
        ),
    )
    assert response.status_code == 422
    html = text_of(response)
    assert "Find the caller&#x27;s organisation with the lookup and choose it." in html
    assert "Who called? Type the caller&#x27;s name or choose a contact on file." in html
    assert "Say what was promised by that time." in html
    assert "Enter a valid date/time." in html
    assert 'value="Spindle alarm 2041' not in html  # textarea, not an input
    assert "Spindle alarm 2041 after tool change; line 3 is down." in html  # what was typed stays
    assert not Ticket.objects.exists()
    assert not Receipt.objects.exists()


def test_a_machine_of_another_organisation_is_refused(login, world):
    response = login(world.agent).post(
        PHONE, call(world, machine=world.other_machine.pk, received_at=local(timezone.now(), "UTC"))
    )
    assert response.status_code == 422
    assert "Select a valid choice" in text_of(response)
    assert not Ticket.objects.exists()


def test_the_service_refuses_a_future_call_and_the_receipt_keeps_it(login, world):
    future = local(timezone.now() + timedelta(hours=2), "UTC")
    response = login(world.agent).post(PHONE, call(world, received_at=future))
    assert response.status_code == 422
    html = text_of(response)
    assert "received_at cannot be in the future." in html
    # The message sits under the field it is about.
    assert html.index("received_at cannot be in the future.") > html.index('name="received_at"')
    assert not Ticket.objects.exists()
    receipt = Receipt.objects.get()
    assert (receipt.state, receipt.error) == (Receipt.State.REJECTED, "received_at cannot be in the future.")


def test_choosing_an_organisation_offers_its_contacts_and_machines(login, world):
    client = login(world.agent)
    html = text_of(client.get(reverse("console:phone_customer"), {"organisation": world.org.pk}))
    assert "<html" not in html
    assert f'name="organisation" value="{world.org.pk}"' in html
    assert "Anna Müller · +49 30 1 · anna@mueller.test" in html
    assert "CL200-0001 · CL-200" in html and "CL300-0002 · CL-300" in html
    assert "CL200-0099" not in html
    # Without JavaScript the lookup's link reloads the whole form with the organisation chosen.
    page = text_of(client.get(PHONE, {"organisation": world.other_org.pk}))
    assert "上海精工" in page and "CL200-0099" in page
