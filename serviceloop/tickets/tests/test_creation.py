from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serviceloop.core.errors import Forbidden, InvalidInput
from serviceloop.core.search import segment
from serviceloop.customers.models import Contact
from serviceloop.tickets.models import Channel, Impact, Message, Status, Ticket, TicketEvent, Urgency
from serviceloop.tickets.services.search_document import search_document


def test_ticket_gets_a_yearly_number_and_first_message(world):
    received = timezone.now() - timedelta(minutes=30)
    ticket = world.ticket(received_at=received)
    assert ticket.number == f"SL-{received.year}-000001"
    assert world.ticket().number == f"SL-{received.year}-000002"
    assert ticket.status == Status.NEW
    assert ticket.received_at == received
    assert ticket.product_model == world.model_a  # taken from the machine
    message = ticket.messages.get()
    assert message.kind == Message.Kind.REPLY and message.created_at == received
    assert list(TicketEvent.objects.filter(ticket=ticket).values_list("name", flat=True)) == [
        "ticket.created"
    ]


def test_a_new_tickets_search_document_is_the_one_a_refresh_makes(world):
    ticket = world.ticket(subject="Spindle noise 主轴异响", body="设备在高速运转时有异响 at 12000 rpm")
    stored = Ticket.objects.select_related("organisation", "contact", "machine", "product_model").get(
        pk=ticket.pk
    )
    assert stored.search_document == search_document(stored, ["设备在高速运转时有异响 at 12000 rpm"])
    number_terms = segment(ticket.number).split()
    assert stored.search_document.split()[: len(number_terms)] == number_terms
    assert {"主轴", "高速运转", "cl2000001"} <= set(stored.search_document.split())  # subject, body, serial


def test_numbers_restart_each_year(world):
    last_year = timezone.now().replace(month=1, day=1) - timedelta(days=2)
    old = world.ticket(received_at=last_year)
    new = world.ticket()
    assert old.number.endswith(f"{last_year.year}-000001")
    assert new.number.endswith(f"{timezone.now().year}-000001")


@pytest.mark.parametrize(
    ("urgency", "impact", "priority"),
    [(Urgency.LOW, Impact.STOPPED, 1), (Urgency.HIGH, Impact.DEGRADED, 2), (Urgency.NORMAL, Impact.MINOR, 4)],
)
def test_priority_follows_urgency_and_impact(world, urgency, impact, priority):
    ticket = world.ticket(urgency=urgency, impact=impact)
    assert ticket.priority == priority
    assert ticket.is_emergency == (impact == Impact.STOPPED)


def test_commitments_and_tags_are_recorded(world):
    due = timezone.now() + timedelta(hours=4)
    ticket = world.ticket(
        commitments=[("Call back with spare part price", due)], tags=["Spindle", "spindle", " urgent "]
    )
    assert list(ticket.commitments.values_list("promise", flat=True)) == ["Call back with spare part price"]
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["spindle", "urgent"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"subject": "  "}, "subject"),
        ({"organisation_id": 999999}, "organisation_id"),
        ({"channel": "pigeon"}, "channel"),
        ({"urgency": "whenever"}, "urgency"),
        ({"received_at": timezone.now() + timedelta(days=1)}, "received_at"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(world, fields, field):
    with pytest.raises(InvalidInput) as exc:
        world.ticket(**fields)
    assert exc.value.field == field
    assert not world.org.tickets.exists()


def test_machine_of_another_organisation_is_refused(world):
    with pytest.raises(InvalidInput, match="another organisation"):
        world.ticket(machine_id=world.other_machine.pk)


def test_customer_opens_tickets_only_for_their_organisation(world):
    ticket = world.ticket(world.customer, organisation_id=None, channel=Channel.PORTAL)
    assert ticket.organisation == world.org
    with pytest.raises(InvalidInput):
        world.ticket(world.customer, organisation_id=world.other_org.pk, channel=Channel.PORTAL)
    with pytest.raises(InvalidInput):
        world.ticket(world.customer, organisation_id=None, team_id=world.team.pk, channel=Channel.PORTAL)


def test_partner_and_quality_cannot_open_tickets(world):
    with pytest.raises(Forbidden):
        world.ticket(world.partner_a_tech)


def test_customer_receives_an_acknowledgement_in_their_language(world, django_capture_on_commit_callbacks):
    world.contact.language = "zh-hans"
    world.contact.save()
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@mueller.test"]
    assert ticket.number in mail.outbox[0].subject


def test_a_contact_row_the_face_holds_is_used_without_reading_it_again(world):
    world.ticket()  # the first creation in the process loads the cached policies
    with CaptureQueriesContext(connection) as captured:
        ticket = world.ticket(contact=world.contact)
    assert ticket.contact == world.contact
    assert not [q["sql"] for q in captured.captured_queries if 'FROM "customers_contact"' in q["sql"]]


def test_a_held_contact_of_another_organisation_is_still_refused(world):
    stranger = Contact.objects.create(organisation=world.other_org, name="Someone else", email="x@other.test")
    with pytest.raises(InvalidInput, match="another organisation"):
        world.ticket(contact_id=stranger.pk, contact=stranger)
    assert not Ticket.objects.exists()


def test_a_held_contact_that_is_not_the_one_named_is_not_used(world):
    stranger = Contact.objects.create(organisation=world.other_org, name="Someone else", email="x@other.test")
    ticket = world.ticket(contact_id=world.contact.pk, contact=stranger)
    assert ticket.contact_id == world.contact.pk
