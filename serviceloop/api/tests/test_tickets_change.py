import pytest

from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import transition


def test_read_by_number_or_id(world, client_for):
    ticket = world.ticket(tags=["noise"])
    client = client_for(world.agent)
    by_number = client.get(f"/tickets/{ticket.number}")
    assert by_number.status_code == 200
    assert by_number.json()["id"] == ticket.pk and by_number.json()["tags"] == ["noise"]
    assert client.get(f"/tickets/{ticket.pk}").json()["number"] == ticket.number
    missing = client.get("/tickets/SL-2020-999999")
    assert missing.status_code == 404 and "SL-2020-999999" in missing.json()["detail"]


def test_customer_gets_404_for_another_organisations_ticket(world, client_for):
    ours = world.ticket()
    theirs = world.ticket(organisation_id=world.other_org.pk, contact_id=None, machine_id=None)
    client = client_for(world.customer)
    assert client.get(f"/tickets/{ours.number}").status_code == 200
    for path in (
        f"/tickets/{theirs.number}",
        f"/tickets/{theirs.pk}/messages",
        f"/tickets/{theirs.pk}/history",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/tickets/{theirs.pk}/messages", {"body": "hello?"}).status_code == 404


def test_partner_gets_404_for_another_suppliers_ticket(world, client_for):
    own = world.ticket(machine_id=world.machine_a.pk)
    other = world.ticket(machine_id=world.machine_b.pk)
    client = client_for(world.partner_a_tech)
    assert client.get(f"/tickets/{own.number}").status_code == 200
    assert client.get(f"/tickets/{other.number}").status_code == 404
    assert client.post(f"/tickets/{other.number}/transitions", {"action": "resolve"}).status_code == 404


def test_update_fields_writes_history(world, client_for):
    ticket = world.ticket()
    client = client_for(world.agent)
    response = client.patch(f"/tickets/{ticket.number}", {
        "version": 1, "urgency": "critical", "team_id": world.team.pk, "tags": ["Spindle"],
    })  # fmt: skip
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["urgency"], data["team"]["id"], data["tags"], data["version"]) == (
        "critical", world.team.pk, ["spindle"], 2,
    )  # fmt: skip
    history = client.get(f"/tickets/{ticket.number}/history").json()["items"]
    assert {(h["field"], h["new_value"]) for h in history} >= {("urgency", "critical"), ("tags", "spindle")}


def test_stale_version_is_409(world, client_for):
    ticket = world.ticket()
    client = client_for(world.agent)
    assert client.patch(f"/tickets/{ticket.pk}", {"version": 1, "subject": "First"}).status_code == 200
    stale = client.patch(f"/tickets/{ticket.pk}", {"version": 1, "subject": "Second"})
    assert stale.status_code == 409
    assert stale.json()["field"] == "version" and "changed by someone else" in stale.json()["detail"]
    assert Ticket.objects.get(pk=ticket.pk).subject == "First"


def test_update_refusals(world, client_for):
    ticket = world.ticket()
    assert client_for(world.customer).patch(f"/tickets/{ticket.pk}", {"subject": "Mine"}).status_code == 403
    bad = client_for(world.agent).patch(f"/tickets/{ticket.pk}", {"machine_id": world.other_machine.pk})
    assert bad.status_code == 422 and bad.json()["field"] == "machine_id"
    typed = client_for(world.agent).patch(f"/tickets/{ticket.pk}", {"tags": "not-a-list"})
    assert typed.status_code == 422 and typed.json()["field"] == "tags"
    misspelt = client_for(world.agent).patch(f"/tickets/{ticket.pk}", {"urgncy": "high"})
    assert misspelt.status_code == 422 and misspelt.json()["field"] == "urgncy"


def test_transition_happy_path_and_version(world, client_for):
    ticket = world.ticket()
    client = client_for(world.agent)
    response = client.post(f"/tickets/{ticket.number}/transitions", {"action": "take", "version": 1})
    assert response.status_code == 200
    assert response.json()["status"] == "open" and response.json()["assignee"]["id"] == world.agent.pk
    stale = client.post(f"/tickets/{ticket.number}/transitions", {"action": "resolve", "version": 1})
    assert stale.status_code == 409 and stale.json()["field"] == "version"


def test_illegal_transition_is_409_with_reason(world, client_for):
    ticket = world.ticket()
    response = client_for(world.agent).post(f"/tickets/{ticket.pk}/transitions", {"action": "close"})
    assert response.status_code == 409
    assert response.json() == {
        "detail": response.json()["detail"], "field": "action",
    } and "Cannot close a ticket that is New" in response.json()["detail"]  # fmt: skip


@pytest.mark.parametrize("action", ["take", "resolve"])
def test_role_that_may_not_is_403(world, client_for, action):
    ticket = world.ticket()
    if action == "resolve":
        transition(world.agent, ticket, "take")
    response = client_for(world.customer).post(f"/tickets/{ticket.pk}/transitions", {"action": action})
    assert response.status_code == 403


def test_merge_into_another_ticket(world, client_for):
    source, target = world.ticket(), world.ticket()
    client = client_for(world.agent)
    response = client.post(
        f"/tickets/{source.pk}/transitions", {"action": "merge", "merge_into": target.number}
    )
    assert response.status_code == 200 and response.json()["status"] == "merged"
    missing = client.post(f"/tickets/{target.pk}/transitions", {"action": "merge"})
    assert missing.status_code == 422 and missing.json()["field"] == "merge_into"


def test_history_hides_internal_note_events_from_customers(world, client_for):
    ticket = world.ticket()
    client_for(world.agent).post(
        f"/tickets/{ticket.pk}/messages", {"body": "Check the bearing", "internal": True}
    )
    staff = client_for(world.agent).get(f"/tickets/{ticket.pk}/history").json()["items"]
    customer = client_for(world.customer).get(f"/tickets/{ticket.pk}/history").json()["items"]
    assert "ticket.note_added" in [h["name"] for h in staff]
    assert [h["name"] for h in customer] == ["ticket.created"]
    assert staff[0]["actor"]["id"] == world.agent.pk


def test_history_keeps_the_desks_workings_from_outsiders(world, client_for):
    from serviceloop.tickets.services.history import record

    ticket = world.ticket(machine_id=world.machine_a.pk)
    record(ticket, "routing.rule_applied", None, "", data={"rules": ["Lathes to engineering"]})
    record(ticket, "solution.drafted", world.partner_a_tech, "api", data={"version": 1})

    def names(user):
        return {h["name"] for h in client_for(user).get(f"/tickets/{ticket.pk}/history").json()["items"]}

    assert {"routing.rule_applied", "solution.drafted"} <= names(world.agent)
    # The partner takes part in the plan's review, not in our routing.
    assert "solution.drafted" in names(world.partner_a_tech)
    assert "routing.rule_applied" not in names(world.partner_a_tech)
    assert names(world.customer) == {"ticket.created"}
