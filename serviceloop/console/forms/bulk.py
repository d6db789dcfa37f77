"""The queue's bulk toolbar: which tickets were ticked (with the version each row showed) and what to do."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from serviceloop.accounts.models import Team
from serviceloop.core import policy
from serviceloop.tickets import lifecycle
from serviceloop.tickets.models import Impact, Urgency
from serviceloop.tickets.services.bulk import LIFECYCLE_ACTIONS, Change, TicketRef

from .choices import assignable_people
from .queue import QueueForm

_TAG_SEPARATORS = re.compile(r"[,，;；\n]")
# A row's checkbox value: "SL-2026-000123:4", the ticket's number and the version the row showed.
_REF = re.compile(r"^\s*([^:\s]{1,40}):(\d{1,9})\s*$")

# The toolbar's buttons, each sending its name as `change`.
CHANGES = ("assign_to_me", "assign", "team", "classify", "tags", *LIFECYCLE_ACTIONS)


class TicketRefsField(forms.Field):
    """Any number of "NUMBER:VERSION" values under one name; cleans to a list of TicketRef."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Select at least one ticket."),
        "invalid": _("%(value)s is not a ticket of this list."),
    }

    def to_python(self, value: Any) -> list[TicketRef]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        refs = []
        for raw in values:
            match = _REF.match(str(raw))
            if match is None:
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": str(raw)[:40]}
                )
            refs.append(TicketRef(match.group(1), int(match.group(2))))
        return refs


class BulkForm(forms.Form):
    ticket = TicketRefsField()
    change = forms.ChoiceField(choices=[(name, name) for name in CHANGES], widget=forms.HiddenInput)
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=assignable_people(), required=False, empty_label=_("Choose a person")
    )
    team = forms.ModelChoiceField(
        label=_("Move to team"), queryset=Team.objects.all(), required=False, empty_label=_("Choose a team")
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), required=False, choices=[("", _("Keep urgency")), *Urgency.choices]
    )
    impact = forms.ChoiceField(
        label=_("Impact"), required=False, choices=[("", _("Keep impact")), *Impact.choices]
    )
    tags = forms.CharField(label=_("Add tags"), required=False, max_length=1000)
    # The queue's filters when the tickets were ticked, to go back to the same list afterwards.
    query = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed = {"assign": "assignee", "team": "team"}.get(data.get("change", ""))
        if needed and not data.get(needed):
            self.add_error(needed, _("Choose whom to assign the tickets to.") if needed == "assignee"
                           else _("Choose the team to move the tickets to."))  # fmt: skip
        return data

    def bulk_change(self, actor: Any) -> Change:
        """The change as `apply_to_many` takes it."""
        data = self.cleaned_data
        kind = data["change"]
        if kind == "assign_to_me":
            return Change("assign", assignee_id=actor.pk)
        if kind == "assign":
            return Change("assign", assignee_id=data["assignee"].pk)
        if kind == "team":
            return Change("team", team_id=data["team"].pk)
        tags = tuple(t for t in _TAG_SEPARATORS.split(data.get("tags") or "") if t.strip())
        return Change(kind, urgency=data.get("urgency") or "", impact=data.get("impact") or "", tags=tags)


def toolbar(queue_form: QueueForm, user: Any) -> dict[str, Any]:
    """What the toolbar offers `user`. Its teams and people come from the queue form's own lists,
    which its filters show too, so the page reads each list once."""
    teams = queue_form.fields["team"].queryset  # type: ignore[attr-defined]
    people = queue_form.fields["assignee"].queryset  # type: ignore[attr-defined]
    return {
        "teams": [(team.pk, str(team)) for team in teams],
        "people": [(person.pk, str(person)) for person in people],
        "urgencies": Urgency.choices,
        "impacts": Impact.choices,
        "actions": [
            (name, lifecycle.ACTIONS[name].label)
            for name in LIFECYCLE_ACTIONS
            if policy.can_transition(user, name)
        ],
    }
