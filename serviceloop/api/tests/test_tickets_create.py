from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.channels.models import Receipt
from serviceloop.tickets.models import Ticket


def _payload(world, **extra):
    data = {
        "subject": "Hydraulic pressure drops",
        "body": "Pressure falls to 80 bar after ten minutes.",
        "organisation_id": world.org.pk,
        "contact_id": world.contact.pk,
        "machine_id": world.machine_a.pk,
    }
    return {**data, **extra}


def test_staff_creates_a_ticket_with_everything(world, client_for):
    response = client_for(world.agent).post("/tickets", _payload(
        world, received_at="2026-01-05T09:30:00+08:00", category="technical", urgency="high",
        impact="stopped", product_module_id=world.spindle.pk, fault_type_id=world.fault.pk,
        team_id=world.team.pk, assignee_id=world.engineer.pk, tags=["Hydraulics", "urgent"],
        commitments=[{"promise": "Call back with a technician", "due_at": "2026-01-05T12:00:00+08:00"}],
    ))  # fmt: skip
    assert response.status_code == 201, response.json()
    data = response.json()
    ticket = Ticket.objects.get(number=data["number"])
    assert ticket.received_at == datetime(2026, 1, 5, 1, 30, tzinfo=UTC)
    assert data["channel"] == "api"
    assert data["organisation"] == {"id": world.org.pk, "name": world.org.name}
    assert data["machine"] == {"id": world.machine_a.pk, "serial_number": "CL200-0001"}
    assert data["product_model"] == {"id": world.model_a.pk, "code": "CL-200"}
    assert data["team"]["name"] == "L1 desk" and data["assignee"]["id"] == world.engineer.pk
    assert data["is_emergency"] is True and data["priority"] == ticket.priority
    assert sorted(data["tags"]) == ["hydraulics", "urgent"]
    assert data["version"] == 1
    assert ticket.commitments.get().promise == "Call back with a technician"
    receipt = Receipt.objects.get()
    assert (receipt.source, receipt.state, receipt.ticket_id) == ("api", "processed", ticket.pk)
    assert receipt.payload["subject"] == "Hydraulic pressure drops"


def test_input_is_checked_before_the_write_transaction_begins(world, client_for):
    # SQLite has one writer at a time: reading and checking under its lock would make every other
    # writer wait for them too. (Inside a test, each transaction shows as a savepoint.)
    api = client_for(world.agent)
    with CaptureQueriesContext(connection) as captured:
        response = api.post("/tickets", _payload(world))
    assert response.status_code == 201
    sqls = [q["sql"] for q in captured.captured_queries]
    stored = next(i for i, sql in enumerate(sqls) if sql.startswith('INSERT INTO "channels_receipt"'))
    writing = next(i for i, sql in enumerate(sqls) if i > stored and sql.startswith("SAVEPOINT"))
    checks = [i for i, sql in enumerate(sqls) if 'FROM "customers_organisation"' in sql]
    checks += [i for i, sql in enumerate(sqls) if 'FROM "customers_machine"' in sql]
    assert checks and max(checks) < writing, sqls


def test_customer_creates_for_their_own_organisation(world, client_for):
    response = client_for(world.customer).post("/tickets", {"subject": "Noise", "body": "It grinds."})
    assert response.status_code == 201
    assert response.json()["organisation"]["id"] == world.org.pk


def test_partner_may_not_open_tickets(world, client_for):
    response = client_for(world.partner_a_tech).post("/tickets", _payload(world))
    assert response.status_code == 403
    assert Receipt.objects.get().state == "rejected"


def test_schema_violation_is_422_naming_the_field_and_the_body_is_kept(world, client_for):
    payload = _payload(world, urgency="high")
    del payload["subject"]
    response = client_for(world.agent).post("/tickets", payload)
    assert response.status_code == 422
    assert response.json()["field"] == "subject"
    receipt = Receipt.objects.get()
    assert receipt.state == "rejected" and receipt.payload["urgency"] == "high"
    assert "subject" in receipt.error
    assert not Ticket.objects.exists()


def test_service_rejection_names_the_field_and_keeps_the_body(world, client_for):
    response = client_for(world.agent).post("/tickets", _payload(world, machine_id=world.other_machine.pk))
    assert response.status_code == 422
    assert response.json()["field"] == "machine_id"
    assert Receipt.objects.get().state == "rejected"


def test_nested_and_typed_fields_are_named(world, client_for):
    client = client_for(world.agent)
    bad_commitment = _payload(world, commitments=[{"due_at": "2026-01-01T00:00:00Z"}])
    assert client.post("/tickets", bad_commitment).json()["field"] == "commitments.0.promise"
    assert client.post("/tickets", _payload(world, contact_id="abc")).json()["field"] == "contact_id"
    naive = client.post("/tickets", _payload(world, received_at="2026-01-01T10:00:00"))
    assert naive.json()["field"] == "received_at"


def test_unreadable_body_is_400_and_still_stored(world, client_for):
    response = client_for(world.agent).post("/tickets", raw='{"subject": "half')
    assert response.status_code == 400
    assert response.json()["field"] == "body"
    receipt = Receipt.objects.get()
    assert receipt.state == "rejected" and receipt.payload == {"unparsed_body": '{"subject": "half'}
    array = client_for(world.agent).post("/tickets", raw="[1, 2]")
    assert array.status_code == 422 and array.json()["field"] == "body"
