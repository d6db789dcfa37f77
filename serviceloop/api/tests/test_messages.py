from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Message


def test_reply_and_note_and_who_sees_them(world, client_for):
    ticket = world.ticket()
    agent = client_for(world.agent)
    reply = agent.post(f"/tickets/{ticket.number}/messages", {"body": "<b>Hello</b><script>x()</script>"})
    assert reply.status_code == 201, reply.json()
    data = reply.json()
    assert data["body"] == "<b>Hello</b><script>x()</script>"
    assert data["body_html"] == "<b>Hello</b>" and data["internal"] is False
    assert data["author"]["id"] == world.agent.pk and data["channel"] == "api"
    note = agent.post(f"/tickets/{ticket.number}/messages", {"body": "Bearing worn", "internal": True})
    assert note.status_code == 201 and note.json()["kind"] == "note"

    staff_view = [m["body"] for m in agent.get(f"/tickets/{ticket.number}/messages").json()["items"]]
    assert staff_view[-2:] == ["<b>Hello</b><script>x()</script>", "Bearing worn"]
    customer_view = client_for(world.customer).get(f"/tickets/{ticket.number}/messages").json()["items"]
    assert "Bearing worn" not in [m["body"] for m in customer_view]
    assert len(customer_view) == 2
    partner_view = client_for(world.partner_a_tech).get(f"/tickets/{ticket.number}/messages").json()["items"]
    assert "Bearing worn" not in [m["body"] for m in partner_view]  # not shared with them


def test_the_partner_reads_the_notes_shared_with_them_and_their_own(world, client_for):
    ticket = world.ticket(machine_id=world.machine_a.pk)
    agent, partner = client_for(world.agent), client_for(world.partner_a_tech)
    shared = agent.post(
        f"/tickets/{ticket.number}/messages",
        {"body": "Pump model HV-20, see photo", "internal": True, "share_with_partner": True},
    )
    assert shared.status_code == 201 and shared.json()["shared_with_partner"] is True
    url = f"/tickets/{ticket.number}/messages"
    agent.post(url, {"body": "Customer owes us an invoice", "internal": True})
    own = partner.post(url, {"body": "Seal kit ships today", "internal": True})
    assert own.json()["shared_with_partner"] is True
    seen = [m["body"] for m in partner.get(f"/tickets/{ticket.number}/messages").json()["items"]]
    assert "Pump model HV-20, see photo" in seen and "Seal kit ships today" in seen
    assert "Customer owes us an invoice" not in seen
    history = partner.get(f"/tickets/{ticket.pk}/history").json()["items"]
    assert len([h for h in history if h["name"] == "ticket.note_added"]) == 2  # the unshared one stays hidden
    assert len([h for h in client_for(world.agent).get(f"/tickets/{ticket.pk}/history").json()["items"]
                if h["name"] == "ticket.note_added"]) == 3  # fmt: skip


def test_plain_text_body_keeps_line_breaks_escaped(world, client_for):
    ticket = world.ticket()
    response = client_for(world.customer).post(f"/tickets/{ticket.pk}/messages", {"body": "a < b\nnext"})
    assert response.json()["body_html"] == "<p>a &lt; b<br>next</p>"


def test_customer_may_not_write_internal_notes(world, client_for):
    ticket = world.ticket()
    response = client_for(world.customer).post(
        f"/tickets/{ticket.pk}/messages", {"body": "x", "internal": True}
    )
    assert response.status_code == 403
    assert not Message.objects.filter(body="x").exists()


def test_message_body_is_received_first_and_validated(world, client_for):
    ticket = world.ticket()
    client = client_for(world.customer)
    empty = client.post(f"/tickets/{ticket.pk}/messages", {"body": "   "})
    assert empty.status_code == 422 and empty.json()["field"] == "body"
    wrong_type = client.post(f"/tickets/{ticket.pk}/messages", {"body": "ok", "internal": "perhaps"})
    assert wrong_type.status_code == 422 and wrong_type.json()["field"] == "internal"
    client.post(f"/tickets/{ticket.pk}/messages", {"body": "Still grinding"})
    states = list(Receipt.objects.order_by("pk").values_list("state", "ticket_id"))
    assert states == [("rejected", None), ("rejected", None), ("processed", ticket.pk)]


def test_messages_are_paginated(world, client_for):
    ticket = world.ticket()
    client = client_for(world.agent)
    for i in range(4):
        client.post(f"/tickets/{ticket.pk}/messages", {"body": f"update {i}"})
    first = client.get(f"/tickets/{ticket.pk}/messages", {"limit": 3}).json()
    second = client.get(f"/tickets/{ticket.pk}/messages", {"limit": 3, "cursor": first["next_cursor"]}).json()
    bodies = [m["body"] for m in first["items"] + second["items"]]
    assert bodies[1:] == [f"update {i}" for i in range(4)] and second["next_cursor"] is None
