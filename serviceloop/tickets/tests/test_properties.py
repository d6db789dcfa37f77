"""Property tests for the parsers and the time rules that guard ticket input."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from serviceloop.core.errors import InvalidInput
from serviceloop.tickets import lifecycle
from serviceloop.tickets.models import Status
from serviceloop.tickets.services.conversation import safe_filename
from serviceloop.tickets.services.validation import MAX_CLOCK_SKEW, received_time


@given(st.text(max_size=500))
def test_safe_filename_never_escapes_or_hides(name):
    result = safe_filename(name)
    assert result
    assert "/" not in result and "\\" not in result and "\x00" not in result
    assert not result.startswith(".")
    assert len(result) <= 220


@given(st.timedeltas(min_value=timedelta(days=-3650), max_value=timedelta(days=3650)))
def test_received_time_accepts_the_past_and_refuses_the_future(offset):
    now = timezone.now()
    value = now + offset
    if offset > MAX_CLOCK_SKEW + timedelta(seconds=5):
        with pytest.raises(InvalidInput):
            received_time(value)
    elif offset <= MAX_CLOCK_SKEW - timedelta(seconds=5):
        assert received_time(value) == value


def test_received_time_needs_an_offset():
    with pytest.raises(InvalidInput, match="time zone"):
        received_time(datetime(2026, 1, 1, 12, 0))
    assert received_time(datetime(2026, 1, 1, 12, 0, tzinfo=UTC)).year == 2026


@given(st.sampled_from(list(Status)), st.sampled_from(sorted(lifecycle.ACTIONS)))
def test_every_action_either_moves_legally_or_explains(status, action):
    try:
        target = lifecycle.target_status(action, status)
    except lifecycle.IllegalTransition as exc:
        assert "allowed from" in str(exc)
        assert status not in lifecycle.ACTIONS[action].sources
    else:
        assert status in lifecycle.ACTIONS[action].sources
        assert target in Status.values


def test_final_states_only_leave_by_reopening():
    for final in (Status.CANCELLED, Status.MERGED):
        assert lifecycle.available_actions(final) == []
    assert [a.name for a in lifecycle.available_actions(Status.CLOSED)] == ["reopen"]
