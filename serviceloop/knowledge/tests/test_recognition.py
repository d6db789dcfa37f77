"""Thanking the quarter's top contributors: who is told what, once per quarter, and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone, translation

from serviceloop.core.errors import InvalidInput
from serviceloop.knowledge.models import ArticleEvent, ContributorRecognition
from serviceloop.knowledge.services.contributions import Quarter
from serviceloop.knowledge.services.recognition import (
    KIND_CONGRATULATION,
    KIND_SUMMARY,
    quarter_just_ended,
    recognise,
)
from serviceloop.knowledge.tasks import first_mornings_of_a_quarter, recognise_top_contributors
from serviceloop.notifications.models import Notification

from .conftest import write

Q3 = Quarter(2026, 3)
AFTER_Q3 = datetime(2026, 10, 1, 4, 7, tzinfo=UTC)


@pytest.fixture
def q3_writers(world, category):
    """In 2026Q3 the engineer wrote 3 articles (15 points), the agent 2 (10), the admin and the
    supervisor 1 each (5, the admin first by name); the manager wrote nothing."""
    for who, count in (("engineer", 3), ("agent", 2), ("admin", 1), ("supervisor", 1)):
        for n in range(count):
            write(category, getattr(world, who), title=f"{who} {n}", language="en")
    ArticleEvent.objects.update(at=Q3.start + timedelta(days=20))


def _told(kind: str) -> dict:
    return {row.recipient: row for row in Notification.objects.filter(kind=kind)}


def test_the_top_three_are_thanked_with_their_rank_and_figures(world, q3_writers):
    record, sent = recognise(Q3, now=AFTER_Q3)
    told = _told(KIND_CONGRATULATION)
    assert sent and set(told) == {world.engineer, world.agent, world.admin}
    assert "number 1 of the knowledge contributors in 2026Q3" in told[world.engineer].title
    assert "number 2 " in told[world.agent].title and "number 3 " in told[world.admin].title
    assert told[world.engineer].body.startswith("15 points: 3 articles written, 0 reviews")
    assert [(row["rank"], row["user_id"], row["points"]) for row in record.top] == [
        (1, world.engineer.pk, 15),
        (2, world.agent.pk, 10),
        (3, world.admin.pk, 5),
    ]


@override_settings(KNOWLEDGE_TOP_CONTRIBUTORS=10)
def test_nobody_without_points_is_thanked(world, q3_writers):
    recognise(Q3, now=AFTER_Q3)
    thanked = set(_told(KIND_CONGRATULATION))
    assert thanked == {world.engineer, world.agent, world.admin, world.supervisor}
    assert world.manager not in thanked and world.quality not in thanked


def test_managers_get_one_summary_with_the_ranking_link(world, q3_writers):
    recognise(Q3, now=AFTER_Q3)
    summaries = Notification.objects.filter(kind=KIND_SUMMARY)
    assert sorted(row.recipient.pk for row in summaries) == sorted(
        [world.supervisor.pk, world.manager.pk, world.admin.pk]
    )
    body = summaries.get(recipient=world.manager).body
    assert body.index(f"1. {world.engineer}: 15 points") < body.index(f"2. {world.agent}: 10 points")
    assert "/console/knowledge/contributions/?quarter=2026Q3" in body
    assert str(world.supervisor) not in body.split("\n\n")[0]  # fourth: not in the top three


def test_a_quarter_is_recognised_once(world, q3_writers):
    first, sent = recognise(Q3, now=AFTER_Q3)
    sent_before = Notification.objects.count()
    again, sent_again = recognise(Q3, now=AFTER_Q3 + timedelta(days=1))
    assert sent and not sent_again and again.pk == first.pk
    assert Notification.objects.count() == sent_before == 3 + 3
    assert ContributorRecognition.objects.get().quarter == "2026Q3"


def test_a_quiet_quarter_is_recorded_and_tells_nobody(world):
    record, sent = recognise(Q3, now=AFTER_Q3)
    assert sent and record.top == [] and not Notification.objects.exists()


def test_a_quarter_not_yet_ended_is_refused(world):
    with pytest.raises(InvalidInput, match="has not ended yet"):
        recognise(Q3, now=datetime(2026, 9, 30, 23, 59, tzinfo=UTC))
    assert not ContributorRecognition.objects.exists()


def test_the_task_recognises_the_quarter_just_ended(world, q3_writers, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: AFTER_Q3)
    recognise_top_contributors.call_local()
    assert list(ContributorRecognition.objects.values_list("quarter", flat=True)) == ["2026Q3"]
    assert Notification.objects.filter(kind=KIND_CONGRATULATION).count() == 3


def test_quarters_turn_in_the_projects_time_zone():
    # 17:00 UTC on 30 September is already 1 October in Shanghai.
    evening = datetime(2026, 9, 30, 17, 0, tzinfo=UTC)
    assert quarter_just_ended(evening) == Quarter(2026, 2)
    assert quarter_just_ended(AFTER_Q3) == Q3
    with override_settings(TIME_ZONE="Asia/Shanghai"):
        assert quarter_just_ended(evening) == Q3


def test_the_task_runs_early_on_a_quarters_first_days():
    # Huey hands the task naive UTC times.
    assert first_mornings_of_a_quarter(datetime(2026, 10, 1, 4, 7))
    assert first_mornings_of_a_quarter(datetime(2027, 1, 3, 4, 7))  # catching up a missed morning
    assert not first_mornings_of_a_quarter(datetime(2026, 10, 1, 4, 8))
    assert not first_mornings_of_a_quarter(datetime(2026, 11, 1, 4, 7))
    assert not first_mornings_of_a_quarter(datetime(2026, 10, 8, 4, 7))
    with override_settings(TIME_ZONE="Asia/Shanghai"):
        assert first_mornings_of_a_quarter(datetime(2026, 9, 30, 20, 7))  # 04:07 on 1 October there
        assert not first_mornings_of_a_quarter(datetime(2026, 10, 1, 4, 7))


def test_each_reader_gets_it_in_their_language(world, q3_writers):
    world.agent.language = "zh-hans"
    world.agent.save()
    world.manager.language = "zh-hans"
    world.manager.save()
    recognise(Q3, now=AFTER_Q3)
    assert _told(KIND_CONGRATULATION)[world.engineer].title.startswith("Thank you: you are number 1")
    in_chinese = [_told(KIND_CONGRATULATION)[world.agent], _told(KIND_SUMMARY)[world.manager]]
    assert all(row.title and "2026Q3" in row.title for row in in_chinese)
    assert translation.get_language() in (None, "en", "en-us")  # the reader's language did not leak


def test_the_command_recognises_a_named_quarter_once(world, q3_writers, capsys):
    call_command("recognise_contributors", quarter="2026Q3")
    assert f"2026Q3: 1. {world.engineer} (15)" in capsys.readouterr().out
    call_command("recognise_contributors", "--quarter", "2026-q3")
    assert "nothing sent" in capsys.readouterr().out
    assert Notification.objects.filter(kind=KIND_CONGRATULATION).count() == 3


@pytest.mark.parametrize("quarter", ["2026Q9", "soon", Quarter.current().next])
def test_the_command_refuses_a_bad_quarter(world, quarter):
    with pytest.raises(CommandError, match="quarter") as caught:
        call_command("recognise_contributors", quarter=str(quarter))
    assert caught.value.returncode == 2 and not ContributorRecognition.objects.exists()
