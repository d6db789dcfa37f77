import contextlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from serviceloop.core.validators import validate_time_zone


@pytest.mark.parametrize("name", ["Europe", "Europe/", "../etc/passwd", "x" * 300, "Mars/Olympus"])
def test_what_is_not_a_zone_is_refused_with_a_message(name):
    with pytest.raises(ValidationError, match="not a time zone"):
        validate_time_zone(name)


def test_real_zones_and_empty_pass():
    for name in ("", "Europe/Berlin", "Asia/Shanghai", "UTC"):
        validate_time_zone(name)


@given(st.text(max_size=300))
def test_any_text_is_a_zone_or_a_validation_error(name):
    with contextlib.suppress(ValidationError):
        validate_time_zone(name)
