from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from serviceloop.accounts.models import Absence, PersonalHours, Skills, Team
from serviceloop.conftest import make_user
from serviceloop.core.roles import Role

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 21, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_an_absence_must_end_after_it_starts():
    person = make_user(Role.ENGINEER)
    for ends_at in (START, START - timedelta(hours=1)):
        absence = Absence(user=person, kind=Absence.Kind.FIELD_VISIT, starts_at=START, ends_at=ends_at)
        with pytest.raises(ValidationError) as raised:
            absence.full_clean()
        assert "ends_at" in raised.value.message_dict
    Absence(user=person, starts_at=START, ends_at=START + timedelta(days=3)).full_clean()


def test_the_database_refuses_an_absence_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        Absence.objects.create(user=make_user(Role.ENGINEER), starts_at=START, ends_at=START)


def test_working_hours_must_end_after_they_start_with_midnight_as_the_end_of_the_day():
    person = make_user(Role.ENGINEER)
    with pytest.raises(ValidationError) as raised:
        PersonalHours(user=person, weekday=0, starts=time(17), ends=time(8)).full_clean()
    assert "ends" in raised.value.message_dict
    night = PersonalHours(user=person, weekday=0, starts=time(22), ends=time(0))
    night.full_clean()
    assert night.minutes == (22 * 60, 24 * 60)


@pytest.mark.parametrize("languages", ["en, zh-hans,zh-CN", "de", ""])
def test_languages_are_codes_separated_by_commas(languages):
    Skills(user=make_user(Role.ENGINEER), languages=languages).full_clean()


@pytest.mark.parametrize(
    ("languages", "wrong"), [("english!", "english!"), ("en zh", "en zh"), ("en, 中文", "中文")]
)
def test_anything_else_as_languages_is_refused_naming_the_wrong_code(languages, wrong):
    with pytest.raises(ValidationError) as raised:
        Skills(user=make_user(Role.ENGINEER), languages=languages).full_clean()
    assert raised.value.message_dict["languages"] == [
        f"{wrong}: not a language code; separate codes by commas, e.g. en, zh-hans."
    ]


def test_a_team_assigns_by_hand_until_told_otherwise_and_checks_its_time_zone():
    team = Team(name="Experts", time_zone="Europe/Nowhere")
    assert team.assignment_mode == "manual"
    with pytest.raises(ValidationError) as raised:
        team.full_clean()
    assert "time_zone" in raised.value.message_dict
