"""Administrators keep skills, hours and absences in the admin."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from serviceloop.accounts.models import Absence

pytestmark = pytest.mark.django_db


def test_absences_are_listed_and_filtered_by_kind(world, admin_client):
    start = datetime(2026, 12, 21, 8, tzinfo=ZoneInfo("Europe/Berlin"))
    Absence.objects.create(user=world.engineer, kind=Absence.Kind.FIELD_VISIT, starts_at=start,
                           ends_at=start + timedelta(days=2), note="Visit at Müller")  # fmt: skip
    Absence.objects.create(user=world.agent, kind=Absence.Kind.HOLIDAY, starts_at=start,
                           ends_at=start + timedelta(days=9), note="Christmas")  # fmt: skip
    page = admin_client.get("/admin/accounts/absence/", {"kind__exact": "field_visit"})
    assert page.status_code == 200
    assert "Visit at Müller" in page.text and "Christmas" not in page.text


def test_an_absence_ending_before_it_starts_is_refused_in_the_form(world, admin_client):
    page = admin_client.post(
        "/admin/accounts/absence/add/",
        {"user": world.engineer.pk, "kind": "sick", "starts_at_0": "2026-12-21", "starts_at_1": "08:00",
         "ends_at_0": "2026-12-20", "ends_at_1": "08:00", "note": ""},
    )  # fmt: skip
    assert page.status_code == 200
    assert "The return must be after the start of the absence." in page.text
    assert not Absence.objects.exists()


def test_the_user_page_holds_skills_and_working_hours_and_the_team_page_its_mode(world, admin_client):
    user_page = admin_client.get(f"/admin/accounts/user/{world.engineer.pk}/change/")
    assert user_page.status_code == 200
    assert 'name="skills-0-product_lines"' in user_page.text
    assert 'name="working_hours-TOTAL_FORMS"' in user_page.text
    team_page = admin_client.get(f"/admin/accounts/team/{world.team.pk}/change/")
    assert 'name="assignment_mode"' in team_page.text
