"""Holidays from iCalendar feeds through the `import_holidays` command and the admin's upload page."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from serviceloop.sla.models import BusinessCalendar, Holiday

from .ical_feeds import (
    CHINA_2024,
    feed,
    holidays,
    worked,
)


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_holidays", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def ics_file(tmp_path):
    path = tmp_path / "china.ics"
    path.write_bytes(CHINA_2024)
    return path


def test_the_command_imports_and_prints_the_counts(shanghai, ics_file):
    out, err = run("Shanghai office", str(ics_file))
    assert out == "Shanghai office: 15 added, 0 updated, 0 unchanged, 0 removed; events skipped: 2.\n"
    assert "“Bridge day” (2024-06-03): skipped, the event is cancelled." in err
    assert len(holidays(shanghai)) == 13

    Holiday.objects.create(calendar=shanghai, date=date(2024, 11, 11), name="After")
    out, _ = run("Shanghai office", str(ics_file), "--replace-from", "2024-06-01")
    assert "0 added, 0 updated, 15 unchanged, 1 removed" in out
    assert date(2024, 11, 11) not in holidays(shanghai)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("Berlin office", "{file}"),
            "No business calendar is named 'Berlin office' (known: Shanghai office)",
        ),
        (("Shanghai office", "{missing}"), "cannot read: No such file or directory"),
        (("Shanghai office", "{garbage}"), "The file is not valid iCalendar"),
        (
            ("Shanghai office", "{file}", "--replace-from", "3 May"),
            "'3 May' is not a date; write it as YYYY-MM-DD",
        ),
    ],
)
def test_the_command_fails_with_a_clear_message(shanghai, ics_file, tmp_path, args, says):
    garbage = tmp_path / "garbage.ics"
    garbage.write_bytes(b"this is a spreadsheet\r\n")
    paths = {"file": ics_file, "missing": tmp_path / "missing.ics", "garbage": garbage}
    with pytest.raises(CommandError, match=re.escape(says)) as failed:
        run(*(arg.format(**paths) for arg in args))
    assert failed.value.returncode != 0
    assert not Holiday.objects.exists()


# The admin page.


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, calendar: BusinessCalendar, data: bytes, replace_from: str = ""):
    url = f"/admin/sla/businesscalendar/{calendar.pk}/import-holidays/"
    return client.post(url, {"file": io.BytesIO(data), "replace_from": replace_from}, follow=True)


@pytest.fixture
def administrator(world):
    world.admin.is_superuser = True
    world.admin.save()
    return world.admin


def test_an_administrator_imports_a_feed_from_the_calendars_page(shanghai, administrator):
    client = signed_in(administrator)
    change_page = client.get(f"/admin/sla/businesscalendar/{shanghai.pk}/change/").content.decode()
    assert (
        f'href="/admin/sla/businesscalendar/{shanghai.pk}/import-holidays/">Import holidays</a>'
        in change_page
    )
    form = client.get(f"/admin/sla/businesscalendar/{shanghai.pk}/import-holidays/")
    assert form.status_code == 200 and 'type="file"' in form.content.decode()

    response = upload(client, shanghai, CHINA_2024)

    assert response.redirect_chain == [(f"/admin/sla/businesscalendar/{shanghai.pk}/change/", 302)]
    page = response.content.decode()
    assert "Holidays imported: 15 added, 0 updated, 0 unchanged, 0 removed; events skipped: 2." in page
    assert "skipped, the event is cancelled." in page
    assert len(holidays(shanghai)) == 13 and len(worked(shanghai)) == 2


def test_the_admin_page_shows_what_is_wrong_with_a_file(shanghai, administrator):
    client = signed_in(administrator)
    response = upload(client, shanghai, b"\xff\xfe garbage")
    assert response.status_code == 200 and not response.redirect_chain
    assert "The file is not UTF-8 text, so it is not an iCalendar file." in response.content.decode()
    response = upload(client, shanghai, feed(), replace_from="2024-01-01")
    assert "replacing from 2024-01-01 would only delete days" in response.content.decode()
    assert not Holiday.objects.exists()


def test_an_agent_may_not_import(shanghai, world):
    # Outside the admin altogether: sent to its login page.
    response = signed_in(world.agent).post(f"/admin/sla/businesscalendar/{shanghai.pk}/import-holidays/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # Even with the admin's rights, the policy keeps service levels to supervisors and above.
    world.agent.is_superuser = True
    world.agent.save()
    client = signed_in(world.agent)
    change_page = client.get(f"/admin/sla/businesscalendar/{shanghai.pk}/change/").content.decode()
    assert "Import holidays" not in change_page
    assert client.get(f"/admin/sla/businesscalendar/{shanghai.pk}/import-holidays/").status_code == 403
    assert upload(client, shanghai, CHINA_2024).status_code == 403
    assert not Holiday.objects.exists()
