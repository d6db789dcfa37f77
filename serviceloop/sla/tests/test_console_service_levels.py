"""What the console shows of the service levels: pinned emergencies, deadline filters, the board,
and the notifications a person was sent."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.notifications.models import Notification
from serviceloop.sla.models import EscalationAction, EscalationLevel
from serviceloop.sla.services import deadlines
from serviceloop.tickets.models import Channel, Impact

from .conftest import berlin

pytestmark = pytest.mark.django_db
QUEUE = reverse("console:queue")
BOARD = reverse("console:board")


def page(user, url: str, **params) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def pinned_section(html: str) -> str:
    if 'id="pinned-tickets"' not in html:
        return ""
    return html[
        html.index('id="pinned-tickets"') : html.index("</section>", html.index('id="pinned-tickets"'))
    ]


@pytest.fixture
def stopped(world, now, standard, emergency):
    return world.ticket(world.agent, channel=Channel.EMAIL, impact=Impact.STOPPED, received_at=now())


def test_an_emergency_is_pinned_above_every_view_until_someone_takes_charge(world, stopped):
    for view in ("mine", "unassigned", "open", "pending_customer"):
        assert stopped.number in pinned_section(page(world.engineer, QUEUE, view=view))
    ticket_url = reverse("console:ticket", args=[stopped.number])
    assert 'id="emergency-alert"' in page(world.engineer, ticket_url)

    client = Client()
    client.force_login(world.engineer)
    response = client.post(reverse("console:take_charge", args=[stopped.number]))
    assert response.status_code == 302
    assert pinned_section(page(world.agent, QUEUE)) == ""
    assert 'id="emergency-alert"' not in page(world.engineer, ticket_url)
    stopped.refresh_from_db()
    assert stopped.assignee == world.engineer


def test_a_pinned_ticket_stays_hidden_from_those_who_may_not_see_it(world, stopped):
    assert pinned_section(page(world.partner_b_tech, QUEUE)) == ""  # model A is partner A's
    assert stopped.number in pinned_section(page(world.partner_a_tech, QUEUE))


def test_the_queue_filters_overdue_and_due_within_the_hour(world, now, standard):
    late = world.ticket(world.agent, channel=Channel.EMAIL, received_at=berlin(2026, 11, 23, 9, 0))
    soon = world.ticket(world.agent, channel=Channel.EMAIL, received_at=berlin(2026, 11, 23, 16, 0))
    later = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())  # due tomorrow 09:30
    now.set(berlin(2026, 11, 23, 16, 31))
    overdue = page(world.agent, QUEUE, deadline="breached")
    assert late.number in overdue and soon.number not in overdue and later.number not in overdue
    due_soon = page(world.agent, QUEUE, deadline="due_soon")
    assert soon.number in due_soon and late.number not in due_soon and later.number not in due_soon
    assert "Some filters could not be used" in page(world.agent, QUEUE, deadline="yesterday")


def test_the_board_shows_what_is_at_risk_and_what_broke_today_by_team_and_engineer(world, now, standard):
    late = world.ticket(world.agent, channel=Channel.EMAIL, received_at=berlin(2026, 11, 23, 9, 0),
                        team_id=world.team.pk, assignee_id=world.engineer.pk)  # fmt: skip
    soon = world.ticket(world.agent, channel=Channel.EMAIL, received_at=berlin(2026, 11, 23, 16, 0),
                        team_id=world.team.pk)  # fmt: skip
    for clock in late.sla_clocks.all():
        deadlines.check(clock.pk, now())
    html = page(world.supervisor, BOARD)
    at_risk = html[html.index('id="at-risk-title"') : html.index('id="breached-title"')]
    breached = html[html.index('id="breached-title"') : html.index('id="teams-title"')]
    teams = html[html.index('id="teams-title"') : html.index('id="engineers-title"')]
    assert soon.number in at_risk and late.number not in at_risk
    assert late.number in breached and soon.number not in breached
    assert "L1 desk" in teams and str(world.engineer) in html[html.index('id="engineers-title"') :]
    # Refreshed in place every 30 seconds: htmx gets the board alone.
    fragment = Client()
    fragment.force_login(world.supervisor)
    part = fragment.get(BOARD, headers={"HX-Request": "true"}).content.decode()
    assert 'id="board-figures"' in part and "<html" not in part


def test_the_board_is_for_supervisors_managers_and_quality(world, standard):
    client = Client()
    for user, status in ((world.agent, 403), (world.manager, 200), (world.quality, 200)):
        client.force_login(user)
        assert client.get(BOARD).status_code == status
    assert "console:board" not in page(world.agent, QUEUE) and BOARD not in page(world.agent, QUEUE)
    assert BOARD in page(world.supervisor, QUEUE)


def test_notifications_are_listed_counted_and_read_by_opening_the_ticket(world, now, standard):
    EscalationLevel.objects.create(
        policy=standard, after_minutes=0, actions=[EscalationAction.NOTIFY_SUPERVISOR]
    )
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=berlin(2026, 11, 23, 9, 0))
    for clock in ticket.sla_clocks.all():
        deadlines.check(clock.pk, now())
    mine = Notification.objects.filter(recipient=world.supervisor)
    assert mine.count() >= 1
    queue = page(world.supervisor, QUEUE)
    nav = queue[queue.index('id="nav-notifications"') :].split("</a>")[0]
    assert f">{mine.count()}</span>" in nav
    listing = page(world.supervisor, reverse("console:notifications"))
    assert ticket.number in listing and 'data-unread="1"' in listing
    page(world.supervisor, reverse("console:ticket", args=[ticket.number]))
    assert not mine.filter(read_at__isnull=True).exists()
    assert 'data-unread="1"' not in page(world.supervisor, reverse("console:notifications"))
    assert ticket.number not in page(world.agent, reverse("console:notifications"))  # not theirs


def test_a_milestone_recorded_on_the_ticket_page_shows_in_its_timeline(world, now, standard):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    client = Client()
    client.force_login(world.engineer)
    url = reverse("console:ticket", args=[ticket.number])
    assert 'id="milestone-form"' in client.get(url).content.decode()
    form = {"milestone": "remote_contact", "at": "", "note": "TeamViewer session"}
    response = client.post(reverse("console:milestone", args=[ticket.number]), form)
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Remote contact made" in html and "TeamViewer session" in html
    bad = client.post(
        reverse("console:milestone", args=[ticket.number]), {"milestone": "teleported"}, follow=True
    )
    assert "Select a valid choice" in bad.content.decode()
    assert ticket.events.filter(name="ticket.milestone").count() == 1
