from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings


def _file(name="log.txt", content=b"spindle log", content_type="text/plain"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_upload_and_download(world, client_for):
    ticket = world.ticket()
    response = client_for(world.customer).upload(f"/tickets/{ticket.number}/attachments", {"file": _file()})
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["filename"], data["size"], data["internal"]) == ("log.txt", 11, False)
    download = client_for(world.agent).get(f"/attachments/{data['id']}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"spindle log"
    assert "attachment" in download["Content-Disposition"]
    assert data["url"] == f"/api/v1/attachments/{data['id']}"


def test_other_customers_and_partners_get_404(world, client_for):
    ticket = world.ticket(machine_id=world.machine_a.pk)
    attachment = client_for(world.agent).upload(f"/tickets/{ticket.pk}/attachments", {"file": _file()}).json()
    assert client_for(world.other_customer).get(f"/attachments/{attachment['id']}").status_code == 404
    assert client_for(world.partner_b_tech).get(f"/attachments/{attachment['id']}").status_code == 404
    assert client_for(world.partner_a_tech).get(f"/attachments/{attachment['id']}").status_code == 200
    upload = client_for(world.other_customer).upload(f"/tickets/{ticket.pk}/attachments", {"file": _file()})
    assert upload.status_code == 404
    assert client_for(world.agent).get("/attachments/999999").status_code == 404


def test_internal_attachments_are_hidden_from_customers(world, client_for):
    ticket = world.ticket()
    data = {"file": _file("wiring.pdf", b"%PDF-1.4", "application/pdf"), "internal": "true"}
    attachment = client_for(world.agent).upload(f"/tickets/{ticket.pk}/attachments", data).json()
    assert attachment["internal"] is True
    assert client_for(world.customer).get(f"/attachments/{attachment['id']}").status_code == 404
    assert client_for(world.agent).get(f"/attachments/{attachment['id']}").status_code == 200
    # The partner of the ticket's product reads internal files only when the note is shared with them.
    assert client_for(world.partner_a_tech).get(f"/attachments/{attachment['id']}").status_code == 404
    own = client_for(world.partner_a_tech).upload(f"/tickets/{ticket.pk}/attachments", data).json()
    assert client_for(world.partner_a_tech).get(f"/attachments/{own['id']}").status_code == 200


@override_settings(ATTACHMENT_MAX_BYTES=10)
def test_oversized_is_413(world, client_for):
    ticket = world.ticket()
    response = client_for(world.agent).upload(f"/tickets/{ticket.pk}/attachments", {"file": _file()})
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_unsafe_is_400_and_missing_file_is_422(world, client_for):
    ticket = world.ticket()
    client = client_for(world.agent)
    unsafe = client.upload(
        f"/tickets/{ticket.pk}/attachments", {"file": _file("setup.exe", b"MZ", "application/octet-stream")}
    )
    assert unsafe.status_code == 400
    assert "not accepted" in unsafe.json()["detail"]
    missing = client.upload(f"/tickets/{ticket.pk}/attachments", {"internal": "false"})
    assert missing.status_code == 422 and missing.json()["field"] == "file"


def test_message_list_with_attachments_has_no_n_plus_1(world, client_for, django_assert_max_num_queries):
    ticket = world.ticket()
    client = client_for(world.agent)
    client.upload(f"/tickets/{ticket.pk}/attachments", {"file": _file()})
    with django_assert_max_num_queries(8) as few:
        assert len(client.get(f"/tickets/{ticket.pk}/messages").json()["items"]) == 2
    baseline = len(few)  # read now: each request clears Django's query log
    for i in range(6):
        client.upload(f"/tickets/{ticket.pk}/attachments", {"file": _file(f"log{i}.txt"), "internal": "true"})
    with django_assert_max_num_queries(baseline):
        items = client.get(f"/tickets/{ticket.pk}/messages").json()["items"]
    assert len(items) == 8 and all(m["attachments"][0]["internal"] for m in items[2:])
