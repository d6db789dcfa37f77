from serviceloop.customers.models import Machine, Organisation


def _ids(response):
    return [row["id"] for row in response.json()["items"]]


def test_organisations_by_role(world, client_for):
    assert set(_ids(client_for(world.agent).get("/organisations"))) == {world.org.pk, world.other_org.pk}
    assert _ids(client_for(world.customer).get("/organisations")) == [world.org.pk]
    assert _ids(client_for(world.partner_a_tech).get("/organisations")) == []
    assert client_for(world.customer).get(f"/organisations/{world.other_org.pk}").status_code == 404
    assert client_for(world.customer).get(f"/organisations/{world.org.pk}").json()["name"] == world.org.name


def test_machines_by_role(world, client_for):
    partner = client_for(world.partner_a_tech).get("/machines")
    assert set(_ids(partner)) == {world.machine_a.pk, world.other_machine.pk}
    assert set(_ids(client_for(world.customer).get("/machines"))) == {world.machine_a.pk, world.machine_b.pk}
    one = client_for(world.customer).get(f"/machines/{world.machine_a.pk}").json()
    assert one["model"] == {"id": world.model_a.pk, "code": "CL-200"}
    assert one["organisation"]["id"] == world.org.pk
    assert client_for(world.partner_b_tech).get(f"/machines/{world.machine_a.pk}").status_code == 404


def test_contacts_follow_visible_organisations(world, client_for):
    assert _ids(client_for(world.customer).get("/contacts")) == [world.contact.pk]
    assert _ids(client_for(world.other_customer).get("/contacts")) == []
    assert _ids(client_for(world.partner_a_tech).get("/contacts")) == []


def test_keyset_pages_by_id(world, client_for):
    for i in range(5):
        Organisation.objects.create(name=f"Org {i}", country="DE")
    client = client_for(world.agent)
    first = client.get("/organisations", {"limit": 4}).json()
    rest = client.get("/organisations", {"limit": 4, "cursor": first["next_cursor"]}).json()
    ids = [o["id"] for o in first["items"] + rest["items"]]
    assert ids == sorted(Organisation.objects.values_list("id", flat=True)) and rest["next_cursor"] is None
    wrong_list = client.get("/machines", {"cursor": first["next_cursor"]})
    assert wrong_list.status_code == 422 and wrong_list.json()["field"] == "cursor"


def test_staff_creates_and_updates(world, client_for):
    client = client_for(world.agent)
    org = client.post("/organisations", {"name": "Nordic Tools", "country": "SE", "tier": "key"})
    assert org.status_code == 201, org.json()
    machine = client.post("/machines", {
        "organisation_id": org.json()["id"], "model_id": world.model_b.pk, "serial_number": "CL300-0100",
    })  # fmt: skip
    assert machine.status_code == 201, machine.json()
    changed = client.patch(f"/machines/{machine.json()['id']}", {"site_address": "Hall 3"})
    assert changed.status_code == 200 and changed.json()["site_address"] == "Hall 3"
    contact = client.post("/contacts", {"organisation_id": org.json()["id"], "name": "Sven"})
    assert contact.status_code == 201 and contact.json()["organisation"]["name"] == "Nordic Tools"
    assert Machine.objects.get(serial_number="CL300-0100").organisation.name == "Nordic Tools"


def test_directory_validation_names_the_field(world, client_for):
    client = client_for(world.agent)
    duplicate = {"organisation_id": world.org.pk, "model_id": world.model_a.pk, "serial_number": "CL200-0001"}
    assert client.post("/machines", duplicate).json()["field"] == "serial_number"
    unknown_org = {**duplicate, "organisation_id": 999999, "serial_number": "NEW-1"}
    response = client.post("/machines", unknown_org)
    assert response.status_code == 422 and response.json()["field"] == "organisation_id"
    bad_zone = client.patch(f"/organisations/{world.org.pk}", {"time_zone": "Mars/Olympus"})
    assert bad_zone.status_code == 422 and bad_zone.json()["field"] == "time_zone"
    no_name = client.patch(f"/organisations/{world.org.pk}", {"name": None})
    assert no_name.status_code == 422 and no_name.json()["field"] == "name"
    assert client.post("/organisations", {"country": "DE"}).json()["field"] == "name"


def test_customers_and_partners_may_not_change_the_directory(world, client_for):
    customer = client_for(world.customer)
    assert customer.patch(f"/organisations/{world.org.pk}", {"name": "Hacked"}).status_code == 403
    assert customer.post("/product-lines", {"name": "Mills"}).status_code == 403
    partner = client_for(world.partner_a_tech)
    assert partner.patch(f"/machines/{world.machine_a.pk}", {"site_address": "x"}).status_code == 403
    assert Organisation.objects.get(pk=world.org.pk).name == world.org.name


def test_catalogue(world, client_for):
    staff = client_for(world.agent)
    line = staff.post("/product-lines", {"name": "Mills"}).json()
    model = staff.post("/product-models", {"line_id": line["id"], "code": "M-1", "name": "Mill 1"})
    assert model.status_code == 201 and model.json()["supplier_id"] is None
    module = staff.post("/product-modules", {"line_id": line["id"], "name": "Spindle"})
    assert module.status_code == 201
    again = staff.post("/product-modules", {"line_id": line["id"], "name": "Spindle"})
    assert again.status_code == 422
    customer = client_for(world.customer)
    assert {m["code"] for m in customer.get("/product-models").json()["items"]} == {"CL-200", "CL-300", "M-1"}
    assert customer.get(f"/product-lines/{line['id']}").json()["name"] == "Mills"
    assert (
        staff.patch(f"/product-models/{model.json()['id']}", {"name": "Mill One"}).json()["name"]
        == "Mill One"
    )
