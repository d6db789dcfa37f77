"""The queue's GET parameters: parsed by a form so bad values become messages, never errors."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from serviceloop.accounts.models import Team, User
from serviceloop.customers.models import ProductModel
from serviceloop.tickets.models import Channel, Status
from serviceloop.tickets.priority import PRIORITY_LABELS
from serviceloop.tickets.services import TicketFilter

from .choices import assignable_people

VIEW_LABELS = {
    "mine": _("My tickets"),
    "team": _("My team's queue"),
    "unassigned": _("Unassigned"),
    "escalated": _("Escalated"),
    "awaiting_approval": _("Waiting for approval"),
    "pending_customer": _("Pending customer"),
    "open": _("All open"),
    "all": _("All tickets"),
}
DEADLINE_LABELS = {
    "": _("Any deadline"),
    "breached": _("Overdue"),
    "due_soon": _("Due within the hour"),
}
SORT_LABELS = {
    "priority": _("Priority, then due"),
    "due": _("Due soonest"),
    "newest": _("Newest"),
    "oldest": _("Oldest"),
    "updated": _("Recently updated"),
}
DEFAULT_VIEW = "open"
PAGE_SIZE = 50
# A whole ticket number typed in the search box opens that ticket.
TICKET_NUMBER = re.compile(r"^\s*[A-Za-z]+-\d{4}-\d+\s*$")


class QueueForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    view = forms.ChoiceField(
        label=_("View"), required=False, choices=list(VIEW_LABELS.items()), widget=forms.HiddenInput
    )
    status = forms.MultipleChoiceField(
        label=_("Status"), required=False, choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    priority = forms.TypedMultipleChoiceField(
        label=_("Priority"),
        required=False,
        coerce=int,
        choices=list(PRIORITY_LABELS.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "btn-check"}),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=Team.objects.all(), empty_label=_("Any team")
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), required=False, queryset=User.objects.none(), empty_label=_("Anyone")
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any channel")), *Channel.choices]
    )
    product_model = forms.ModelChoiceField(
        label=_("Product model"),
        required=False,
        queryset=ProductModel.objects.all(),
        empty_label=_("Any model"),
    )
    organisation = forms.IntegerField(
        label=_("Organisation"), required=False, min_value=1, widget=forms.HiddenInput
    )
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.ChoiceField(label=_("Deadline"), required=False, choices=list(DEADLINE_LABELS.items()))
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=list(SORT_LABELS.items()))
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_people()  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update(
            {
                "type": "search",
                "placeholder": _("Number, subject, text, customer, serial…  ( / )"),
                "data-key-search": "",
                "autocomplete": "off",
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end of the range is before its start."))
        return data

    def _valid(self, name: str, default: Any = None) -> Any:
        """A parameter's clean value; a value that failed to parse is ignored (its error is shown)."""
        if not self.is_bound or name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "", []) else value

    @property
    def current_view(self) -> str:
        return self._valid("view", DEFAULT_VIEW)

    @property
    def page_number(self) -> int:
        return self._valid("page", 1)

    @property
    def ticket_number(self) -> str | None:
        q = self._valid("q", "")
        return q.strip().upper() if TICKET_NUMBER.match(q) else None

    def ticket_filter(self) -> TicketFilter:
        team, assignee, model = self._valid("team"), self._valid("assignee"), self._valid("product_model")
        return TicketFilter(
            view=self.current_view,
            status=self._valid("status", []),
            team_id=team.pk if team else None,
            assignee_id=assignee.pk if assignee else None,
            priority=self._valid("priority", []),
            channel=self._valid("channel", ""),
            product_model_id=model.pk if model else None,
            organisation_id=self._valid("organisation"),
            received_from=self._valid("received_from"),
            received_to=self._valid("received_to"),
            q=self._valid("q", ""),
            deadline=self._valid("deadline", ""),
            sort=self._valid("sort", "priority"),
        )
