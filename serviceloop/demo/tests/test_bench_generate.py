"""The benchmark generator (bench/ at the repository root) at a small size."""

from collections import Counter

import pytest
from django.db.models import Count, F

from bench.generate import generate
from serviceloop.accounts.models import User
from serviceloop.core.search import segment
from serviceloop.tickets.models import Message, Status, Ticket, TicketEvent
from serviceloop.tickets.services import NewTicket, create_ticket, search_tickets

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    return generate(500, batch_size=200, days=400)


def test_counts_match_what_was_written(generated):
    assert generated.tickets == Ticket.objects.count() == 500
    assert generated.messages == Message.objects.count() > 500 * 2
    assert generated.events == TicketEvent.objects.count()
    assert TicketEvent.objects.filter(name="ticket.created").count() == 500
    assert generated.rows_per_second > 0
    # A few tickets carry the long conversation the ticket-page benchmark opens.
    assert Ticket.objects.annotate(n=Count("messages")).filter(n__gt=50).exists()


def test_numbers_are_unique_follow_time_and_continue_for_the_services(generated):
    numbers = list(Ticket.objects.order_by("received_at").values_list("number", flat=True))
    assert len(set(numbers)) == 500
    by_year = Counter(n.split("-")[1] for n in numbers)
    assert len(by_year) >= 2  # 400 days always span a new year
    for year in by_year:
        in_year = [n for n in numbers if n.split("-")[1] == year]
        assert in_year == sorted(in_year)
    agent = User.objects.get(username="agent")
    org_id = Ticket.objects.values_list("organisation_id", flat=True).first()
    live = create_ticket(agent, NewTicket(subject="After the generator", body="Works", channel="phone",
                                          organisation_id=org_id))  # fmt: skip
    assert live.number not in numbers
    assert live.pk > max(Ticket.objects.exclude(pk=live.pk).values_list("pk", flat=True))


def test_rows_are_consistent(generated):
    assert not Message.objects.filter(created_at__lt=F("ticket__received_at")).exists()
    assert not Ticket.objects.filter(status=Status.CLOSED, closed_at__isnull=True).exists()
    assert not Ticket.objects.filter(status=Status.NEW, assignee__isnull=False).exists()
    ticket = Ticket.objects.select_related("organisation")[0]
    assert ticket.search_document.startswith(segment(ticket.number, ticket.subject))
    assert len({t.status for t in Ticket.objects.all()}) >= 6


def test_search_finds_generated_tickets_by_number_and_words(generated):
    for ticket in Ticket.objects.order_by("?")[:5]:
        found = search_tickets(Ticket.objects.all(), ticket.number)
        assert list(found.values_list("number", flat=True)) == [ticket.number]
    chinese = Ticket.objects.filter(organisation__language="zh-hans")[0]
    english = Ticket.objects.exclude(organisation__language="zh-hans")[0]
    assert search_tickets(Ticket.objects.all(), chinese.subject).filter(pk=chinese.pk).exists()
    assert search_tickets(Ticket.objects.all(), english.subject).filter(pk=english.pk).exists()
