"""Forms of the ticket page: the reply/note editor, lifecycle actions, and classification/assignment."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from serviceloop.accounts.models import Team
from serviceloop.core import policy
from serviceloop.customers.models import Machine, ProductModule
from serviceloop.tickets import lifecycle
from serviceloop.tickets.models import Category, FaultType, Impact, Message, Ticket, Urgency
from serviceloop.tickets.services import Upload

from .choices import assignable_people

_TAG_SEPARATORS = re.compile(r"[,，;；\n]")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files under one name; cleans to a list (empty when none were sent)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Reply or internal note"),
        max_length=100_000,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "data-key-reply": "",
                "placeholder": _("Write to the customer, or a note for colleagues…"),
            }
        ),
    )
    # Set by the button pressed: "Send public reply" or "Add internal note".
    kind = forms.ChoiceField(choices=Message.Kind.choices, widget=forms.HiddenInput)
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    share_with_partner = forms.BooleanField(label=_("Share the note with the partner"), required=False)

    @property
    def is_note(self) -> bool:
        return self.cleaned_data.get("kind") == Message.Kind.NOTE

    def uploads(self) -> list[Upload]:
        return [
            Upload(name=f.name, content_type=f.content_type or "", content=f, size=f.size)
            for f in self.cleaned_data.get("attachments") or []
        ]


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a.name, a.label) for a in lifecycle.ACTIONS.values()])
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 1, "placeholder": _("Why? Shown in the history.")}),
    )
    merge_into = forms.CharField(
        label=_("Merge into ticket"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "SL-2026-000123"}),
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class EditForm(forms.Form):
    """Classification and assignment; `version` is the ticket's version when the page was loaded."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.all(), required=False, empty_label=_("No team")
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=assignable_people(), required=False, empty_label=_("Unassigned")
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    impact = forms.ChoiceField(label=_("Impact"), choices=Impact.choices)
    machine = forms.ModelChoiceField(
        label=_("Machine"), queryset=Machine.objects.none(), required=False, empty_label=_("No machine")
    )
    product_module = forms.ModelChoiceField(
        label=_("Product module"), required=False, queryset=ProductModule.objects.none(), empty_label="—"
    )
    fault_type = forms.ModelChoiceField(
        label=_("Fault type"), queryset=FaultType.objects.all(), required=False, empty_label="—"
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=1000, help_text=_("Separate tags with commas.")
    )

    def __init__(self, *args: Any, ticket: Ticket, user: Any, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "version": ticket.version,
            "team": ticket.team_id,
            "assignee": ticket.assignee_id,
            "category": ticket.category,
            "urgency": ticket.urgency,
            "impact": ticket.impact,
            "machine": ticket.machine_id,
            "product_module": ticket.product_module_id,
            "fault_type": ticket.fault_type_id,
            "tags": ", ".join(ticket.tags.values_list("name", flat=True)),
        }
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_people(ticket.assignee_id)  # type: ignore[attr-defined]
        machines = Machine.objects.filter(organisation_id=ticket.organisation_id).select_related("model")
        self.fields["machine"].queryset = policy.visible_machines(user, machines)  # type: ignore[attr-defined]
        modules = ProductModule.objects.select_related("line")
        if ticket.product_model_id:
            modules = modules.filter(line_id=ticket.product_model.line_id)  # type: ignore[union-attr]
        self.fields["product_module"].queryset = modules  # type: ignore[attr-defined]

    def changes(self) -> dict[str, Any]:
        """What the user changed, as `update_ticket` takes it.

        Only changed fields are sent: the form was filled from the ticket as it is now, so an
        untouched field neither rewrites history nor trips over a value that is no longer offered
        (an assignee who left). A stale form still fails on `version`.
        """
        data = self.cleaned_data

        def pk(name: str) -> Any:
            return data[name].pk if data.get(name) else None

        values = {
            "team": ("team_id", pk("team")),
            "assignee": ("assignee_id", pk("assignee")),
            "category": ("category", data["category"]),
            "urgency": ("urgency", data["urgency"]),
            "impact": ("impact", data["impact"]),
            "machine": ("machine_id", pk("machine")),
            "product_module": ("product_module_id", pk("product_module")),
            "fault_type": ("fault_type_id", pk("fault_type")),
            "tags": ("tags", [t for t in _TAG_SEPARATORS.split(data.get("tags") or "") if t.strip()]),
        }
        return dict(values[name] for name in self.changed_data if name in values)
