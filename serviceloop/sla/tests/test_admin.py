"""Administrators set up escalation chains in the policy's admin page, with tick boxes."""

from __future__ import annotations

import re

import pytest

from serviceloop.sla.models import EscalationAction, EscalationLevel

pytestmark = pytest.mark.django_db


def _form_data(html: str) -> dict[str, object]:
    """The values the change form would send as it stands (inputs, selected options, text areas)."""
    data: dict[str, object] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or (kind and kind.group(1) in ("submit", "button", "file")):
            continue
        if kind and kind.group(1) == "checkbox" and "checked" not in tag:
            continue
        data[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = body.strip().replace("&quot;", '"')
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
        if chosen:
            data[name] = chosen if len(chosen) > 1 else chosen[0]
    return data


def test_an_administrator_adds_a_level_with_tick_boxes(admin_client, standard):
    url = f"/admin/sla/slapolicy/{standard.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="escalation_levels-__prefix__-actions"' in page
    data = _form_data(page)
    data.update({
        "escalation_levels-TOTAL_FORMS": "1",
        "escalation_levels-0-metric": "first_response",
        "escalation_levels-0-after_minutes": "30",
        "escalation_levels-0-actions": [EscalationAction.NOTIFY_SUPERVISOR, EscalationAction.RAISE_PRIORITY],
    })  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    level = EscalationLevel.objects.get(policy=standard)
    assert (level.after_minutes, level.actions) == (30, ["notify_supervisor", "raise_priority"])
    standard_before = standard.revision
    standard.refresh_from_db()
    assert standard.revision != standard_before  # processes reload the chain


def test_a_level_without_actions_is_refused(admin_client, standard):
    url = f"/admin/sla/slapolicy/{standard.pk}/change/"
    data = _form_data(admin_client.get(url).content.decode())
    data.update({"escalation_levels-TOTAL_FORMS": "1", "escalation_levels-0-after_minutes": "30"})
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not EscalationLevel.objects.exists()
