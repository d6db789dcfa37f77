import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from serviceloop.routing.tiers import escalate
from serviceloop.tickets.models import Commitment, Message, Status, Ticket
from serviceloop.tickets.services import add_message, assign, transition

from .conftest import text_of


def page_url(ticket: Ticket) -> str:
    return reverse("console:ticket", args=[ticket.number])


def test_ticket_page_shows_header_file_and_timeline(login, world):
    world.machine_a.special_build_notes = "Extra-long bed, 380 V"
    world.machine_a.warranty_end = timezone.localdate() - timedelta(days=1)
    world.machine_a.save()
    previous = world.ticket(subject="Earlier: coolant leak")
    ticket = world.ticket(impact="stopped", commitments=[("Engineer calls back", timezone.now())])
    Commitment.objects.create(ticket=previous, promise="Send spare seal kit")
    Commitment.objects.create(ticket=previous, promise="Already done", fulfilled_at=timezone.now())
    add_message(world.engineer, ticket, "Checked the logs: bearing wear.", internal=True)
    transition(world.agent, ticket, "take", comment="On it")

    html = text_of(login(world.agent).get(page_url(ticket)))
    for expected in (
        ticket.number, ticket.subject, "P1", "Emergency", "Open",  # header
        "Müller Fertigung", "Standard", "Europe/Berlin", "Anna Müller", "anna@mueller.test", "+49 30 1",
        "CL200-0001", "CL300-0002", "Extra-long bed, 380 V",  # machines with special build notes
        previous.number, "Earlier: coolant leak",  # their other recent tickets
        "Engineer calls back", "Send spare seal kit",  # open commitments
        "Internal note", "Checked the logs: bearing wear.", "On it",  # timeline
    ):  # fmt: skip
        assert expected in html, expected
    assert "Already done" not in html
    assert "CL200-0099" not in html  # another organisation's machine
    assert 'class="message card mb-2 note"' in html
    assert re.search(r"opened the ticket", html)
    assert re.search(r"Take: <del>New</del> &rarr; <span class=\"text-body\">Open</span>", html)


def test_history_values_are_readable_and_in_the_viewers_zone(login, world):
    world.agent.time_zone = "Asia/Shanghai"
    world.agent.save()
    ticket = world.ticket(received_at=datetime(2025, 3, 1, 23, 30, tzinfo=UTC))
    assign(world.agent, ticket, team_id=world.team.pk, assignee_id=world.engineer.pk)
    html = text_of(login(world.agent).get(page_url(ticket)))
    assert "2025-03-02 07:30" in html  # the first message, received at 23:30 UTC
    assert f'changed assignee: <del>—</del> &rarr; <span class="text-body">{world.engineer}</span>' in html
    assert 'changed team: <del>—</del> &rarr; <span class="text-body">L1 desk</span>' in html


def test_html_in_a_body_is_sanitised(login, world):
    ticket = world.ticket(
        body='<p>See <b>this</b><script>alert("x")</script><img src=x onerror="alert(1)"></p>'
    )
    html = text_of(login(world.agent).get(page_url(ticket)))
    assert "<b>this</b>" in html
    assert 'alert("x")' not in html
    assert "onerror" not in html
    plain = world.ticket(body="a < b & <c")
    assert "a &lt; b &amp; &lt;c" in text_of(login(world.agent).get(page_url(plain)))


def test_ticket_page_query_count_does_not_grow_with_messages(login, world, count_queries):
    ticket = world.ticket(team_id=world.team.pk, assignee_id=world.agent.pk)
    client = login(world.agent)

    def grow(n: int) -> None:
        for i in range(n):
            author, internal = (world.engineer, i % 3 == 1) if i % 2 else (world.customer, False)
            add_message(author, ticket, f"message {i}", internal=internal)
        upload = SimpleUploadedFile("a.txt", b"x")
        data = {"body": "with file", "kind": "reply", "attachments": [upload]}
        assert client.post(reverse("console:message", args=[ticket.number]), data).status_code == 302

    assign(world.agent, ticket, team_id=world.team.pk, assignee_id=world.engineer.pk)
    grow(1)
    escalate(world.agent, ticket, "engineer", "Needs an engineer.", "Checked the spindle log.")
    assert ticket.messages.count() == 3
    few = count_queries(lambda: client.get(page_url(ticket)))
    grow(26)
    escalate(world.agent, ticket, "expert", "Needs an expert.", "Replaced the bearing.")
    assign(world.agent, ticket, team_id=world.team.pk, assignee_id=world.supervisor.pk)
    assert ticket.messages.count() == 30
    many = count_queries(lambda: client.get(page_url(ticket)))
    assert few == many


def test_reply_and_note_by_plain_post(login, world):
    ticket = world.ticket()
    client = login(world.agent)
    url = reverse("console:message", args=[ticket.number])
    upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8jpeg", content_type="image/jpeg")
    response = client.post(url, {"body": "We send an engineer.", "kind": "reply", "attachments": [upload]})
    assert response.status_code == 302
    assert response["Location"] == page_url(ticket) + "#timeline-end"
    response = client.post(url, {"body": "Customer sounded upset.", "kind": "note"})
    assert response.status_code == 302
    reply, note = Message.objects.filter(ticket=ticket).order_by("id")[1:]
    assert (reply.kind, reply.body, reply.author) == ("reply", "We send an engineer.", world.agent)
    assert reply.attachments.get().filename == "photo.jpg"
    assert (note.kind, note.body) == ("note", "Customer sounded upset.")
    html = text_of(client.get(page_url(ticket)))
    assert reverse("console:attachment", args=[reply.attachments.get().pk]) in html


def test_a_note_shared_with_the_partner_shows_to_them_and_says_so(login, world):
    ticket = world.ticket(machine_id=world.machine_a.pk)
    url = reverse("console:message", args=[ticket.number])
    agent = login(world.agent)
    assert 'name="share_with_partner"' in text_of(agent.get(page_url(ticket)))
    agent.post(url, {"body": "Pump model HV-20, see photo", "kind": "note", "share_with_partner": "on"})
    agent.post(url, {"body": "Customer owes us an invoice", "kind": "note"})
    assert ticket.messages.get(body="Pump model HV-20, see photo").shared_with_partner
    assert "shared with the partner" in text_of(agent.get(page_url(ticket)))
    partner_page = text_of(login(world.partner_a_tech).get(page_url(ticket)))
    assert "Pump model HV-20, see photo" in partner_page
    assert "Customer owes us an invoice" not in partner_page
    assert 'name="share_with_partner"' not in partner_page  # their own notes are shared anyway


def test_reply_via_htmx_returns_the_timeline(login, world):
    ticket = world.ticket()
    response = login(world.agent).post(
        reverse("console:message", args=[ticket.number]),
        {"body": "Please send a photo of the alarm screen.", "kind": "reply"},
        HTTP_HX_REQUEST="true",
    )
    html = text_of(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="timeline"')
    assert "Please send a photo of the alarm screen." in html
    assert '<div id="editor" hx-swap-oob="true"' in html  # a fresh, empty editor
    assert ticket.messages.filter(kind="reply").count() == 2


def test_note_via_htmx_and_errors_come_back_in_the_editor(login, world):
    ticket = world.ticket()
    client = login(world.partner_a_tech)
    url = reverse("console:message", args=[ticket.number])
    response = client.post(url, {"body": "Known issue in batch 7.", "kind": "note"}, HTTP_HX_REQUEST="true")
    assert "Known issue in batch 7." in text_of(response)
    assert ticket.messages.get(kind="note").author == world.partner_a_tech

    response = client.post(url, {"body": "   ", "kind": "reply"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#editor"
    assert response["HX-Reswap"] == "outerHTML"
    assert "This field is required." in text_of(response)
    assert ticket.messages.count() == 2


def test_a_blocked_file_is_refused_and_nothing_is_written(login, world):
    ticket = world.ticket()
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = login(world.agent).post(
        reverse("console:message", args=[ticket.number]),
        {"body": "see file", "kind": "reply", "attachments": [upload]},
    )
    assert response.status_code == 400
    assert "files of this type (.exe) are not accepted" in text_of(response)
    assert ticket.messages.count() == 1


def test_transition_buttons_follow_state_and_role(login, world):
    ticket = world.ticket()
    agent_html = text_of(login(world.agent).get(page_url(ticket)))
    assert 'name="action" value="take"' in agent_html
    assert 'name="action" value="approve_solution"' not in agent_html
    partner_html = text_of(login(world.partner_a_tech).get(page_url(ticket)))
    assert 'name="action" value="take"' not in partner_html  # partners may not take tickets
    assert reverse("console:edit", args=[ticket.number]) not in partner_html


def test_transition_with_comment(login, world):
    ticket = world.ticket()
    client = login(world.agent)
    url = reverse("console:transition", args=[ticket.number])
    response = client.post(url, {"action": "take", "comment": "Mine", "version": ticket.version})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignee) == (Status.OPEN, world.agent)
    assert ticket.events.filter(name="ticket.transitioned").get().data["comment"] == "Mine"


def test_illegal_transition_shows_the_reason(login, world):
    ticket = world.ticket()
    response = login(world.agent).post(
        reverse("console:transition", args=[ticket.number]),
        {"action": "close", "comment": "done?", "version": ticket.version},
    )
    assert response.status_code == 409
    html = text_of(response)
    assert "Cannot close a ticket that is New" in html
    assert ">done?</textarea>" in html  # the comment is kept
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


def test_forbidden_transition_shows_a_message(login, world):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "propose_solution")
    response = login(world.partner_a_tech).post(
        reverse("console:transition", args=[ticket.number]),
        {"action": "approve_solution", "version": ticket.version},
    )
    assert response.status_code == 403
    assert "You may not approve solution tickets." in text_of(response)


def test_merge_needs_a_visible_target(login, world):
    ticket = world.ticket()
    target = world.ticket()
    client = login(world.agent)
    url = reverse("console:transition", args=[ticket.number])
    response = client.post(
        url, {"action": "merge", "merge_into": "SL-1999-000001", "version": ticket.version}
    )
    assert response.status_code == 404
    assert "No ticket SL-1999-000001." in text_of(response)
    response = client.post(url, {"action": "merge", "merge_into": target.number, "version": ticket.version})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.merged_into) == (Status.MERGED, target)
    assert target.number in text_of(client.get(page_url(ticket)))


def edit_data(ticket: Ticket, **changes) -> dict:
    data = {
        "version": ticket.version, "team": ticket.team_id or "", "assignee": ticket.assignee_id or "",
        "category": ticket.category, "urgency": ticket.urgency, "impact": ticket.impact,
        "machine": ticket.machine_id or "", "product_module": "", "fault_type": "", "tags": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_edit_reassigns_and_classifies(login, world):
    ticket = world.ticket()
    response = login(world.agent).post(
        reverse("console:edit", args=[ticket.number]),
        edit_data(ticket, team=world.team.pk, assignee=world.engineer.pk, impact="degraded", urgency="high",
                  fault_type=world.fault.pk, product_module=world.spindle.pk, tags="noise, 主轴，vip"),
    )  # fmt: skip
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.team, ticket.assignee, ticket.priority, ticket.fault_type) == (
        world.team, world.engineer, 2, world.fault
    )  # fmt: skip
    assert sorted(ticket.tags.values_list("name", flat=True)) == sorted(["noise", "vip", "主轴"])


def test_stale_version_shows_the_conflict_and_keeps_the_input(login, world):
    ticket = world.ticket()
    seen_version = ticket.version
    assign(world.supervisor, ticket, assignee_id=world.engineer.pk)  # someone else, meanwhile
    response = login(world.agent).post(
        reverse("console:edit", args=[ticket.number]),
        edit_data(ticket, version=seen_version, assignee=world.manager.pk, tags="my-tag"),
    )
    assert response.status_code == 409
    html = text_of(response)
    assert "was changed by someone else while you were working on it" in html
    assert f'<option value="{world.manager.pk}" selected>' in html  # the user's choice is kept
    assert 'value="my-tag"' in html
    assert f'name="version" value="{seen_version}"' in html
    ticket.refresh_from_db()
    assert ticket.assignee == world.engineer
    assert not ticket.tags.exists()


def test_quality_inspector_reads_but_does_not_edit(login, world):
    ticket = world.ticket()
    client = login(world.quality)
    html = text_of(client.get(page_url(ticket)))
    assert ticket.subject in html and "/edit/" not in html
    response = client.post(reverse("console:edit", args=[ticket.number]), edit_data(ticket, impact="stopped"))
    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.impact == "minor"


def test_csrf_is_enforced(world):
    ticket = world.ticket()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.agent)
    response = client.post(
        reverse("console:message", args=[ticket.number]), {"body": "sneaky", "kind": "reply"}
    )
    assert response.status_code == 403
    assert ticket.messages.count() == 1
    page = client.get(page_url(ticket))
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("console:message", args=[ticket.number]),
        {"body": "legit", "kind": "reply", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert ticket.messages.count() == 2


def test_unknown_ticket_is_404(login, world):
    assert login(world.agent).get(reverse("console:ticket", args=["SL-1999-000001"])).status_code == 404
    assert login(world.agent).get(reverse("console:ticket", args=["nonsense"])).status_code == 404


def test_an_inactive_assignee_is_not_dropped_by_an_unrelated_edit(login, world):
    ticket = world.ticket(assignee_id=world.engineer.pk)
    world.engineer.is_active = False
    world.engineer.save()
    html = text_of(login(world.agent).get(page_url(ticket)))
    assert f'<option value="{world.engineer.pk}" selected>' in html
    login(world.agent).post(reverse("console:edit", args=[ticket.number]), edit_data(ticket, urgency="high"))
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.urgency) == (world.engineer, "high")


def test_saving_an_untouched_form_changes_nothing(login, world):
    ticket = world.ticket(team_id=world.team.pk)
    events_before = ticket.events.count()
    response = login(world.agent).post(
        reverse("console:edit", args=[ticket.number]), edit_data(ticket), follow=True
    )
    assert "Nothing was changed." in text_of(response)
    ticket.refresh_from_db()
    assert (ticket.version, ticket.events.count()) == (1, events_before)


def test_the_customers_local_time_is_in_their_zone_not_the_viewers(login, world):
    ticket = world.ticket(organisation_id=world.other_org.pk, contact_id=None, machine_id=None)
    world.agent.time_zone = "America/Chicago"
    world.agent.save()

    def shanghai_now() -> str:
        return timezone.localtime(timezone.now(), ZoneInfo("Asia/Shanghai")).strftime("%a %H:%M")

    before = shanghai_now()
    html = text_of(login(world.agent).get(page_url(ticket)))
    shown = re.search(r"<span data-local-time>([^<]+)</span>", html)
    assert shown and shown.group(1) in {before, shanghai_now()}


def test_watch_and_stop_watching(world, client):
    ticket = world.ticket()
    client.force_login(world.engineer)
    url = f"/console/tickets/{ticket.number}/watch/"
    assert client.post(url, {"watch": "1"}).status_code == 302
    assert list(ticket.watchers.all()) == [world.engineer]
    page = client.get(f"/console/tickets/{ticket.number}/").content.decode()
    assert "Stop watching" in page
    client.post(url, {"watch": "0"})
    assert not ticket.watchers.exists()
    other = world.ticket(machine_id=world.machine_b.pk)
    client.force_login(world.partner_a_tech)
    assert client.post(f"/console/tickets/{other.number}/watch/", {"watch": "1"}).status_code == 404
