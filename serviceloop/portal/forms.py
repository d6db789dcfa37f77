"""Forms of the customer portal: they parse what a customer typed; the ticket services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from serviceloop.core import policy
from serviceloop.core.errors import ServiceError
from serviceloop.customers.models import Machine
from serviceloop.tickets.models import Category, Channel, Impact, Urgency
from serviceloop.tickets.services import NewTicket, Upload

PORTAL_ACTIONS = ("confirm_fix", "reject_fix", "reopen")
# Actions where we need to know why: an engineer cannot act on "it doesn't work" alone.
ACTIONS_NEEDING_COMMENT = frozenset({"reject_fix", "reopen"})

# The service errors name API fields; these are the form fields a customer sees.
_FIELD_FOR = {"body": "description", "machine_id": "machine", "contact_id": None, "organisation_id": None}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files (none is fine); sizes and types are judged by the ticket service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


def attachment_help() -> str:
    size = filesizeformat(settings.ATTACHMENT_MAX_BYTES)
    return gettext("Optional; you can choose several files, up to %(size)s each.") % {"size": size}


def as_uploads(files: list[UploadedFile]) -> list[Upload]:
    return [
        Upload(name=f.name or "", content_type=f.content_type or "", content=f, size=f.size or 0)
        for f in files
    ]


def describe_files(files: list[UploadedFile]) -> list[dict[str, Any]]:
    """What is kept of the files in the raw receipt: names and sizes, not the bytes."""
    return [{"name": f.name, "size": f.size, "content_type": f.content_type} for f in files]


class ServiceErrorMixin:
    def add_service_error(self, exc: ServiceError) -> None:
        """Show a service's refusal next to the field it names (or above the form)."""
        name = _FIELD_FOR.get(exc.field or "", exc.field)
        self.add_error(name if name in self.fields else None, exc.message)  # type: ignore[attr-defined]


class TicketSearchForm(forms.Form):
    STATES = (("all", _("All")), ("open", _("Open")), ("closed", _("Closed")))

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)


class NewTicketForm(ServiceErrorMixin, forms.Form):
    IMPACTS = (
        (Impact.MINOR, _("We can keep working")),
        (Impact.DEGRADED, _("Our production is slowed down")),
        (Impact.STOPPED, _("My production has stopped")),
    )

    subject = forms.CharField(
        label=_("Subject"),
        max_length=255,
        help_text=_("In a few words, e.g. “Spindle makes a grinding noise”."),
    )
    machine = forms.ModelChoiceField(
        label=_("Machine"),
        queryset=Machine.objects.none(),
        required=False,
        empty_label=_("Not about a specific machine"),
    )
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=Category.choices, initial=Category.TECHNICAL
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("What happened, since when, any error codes or messages shown on the machine."),
    )
    impact = forms.ChoiceField(
        label=_("How does it affect you?"), choices=IMPACTS, initial=Impact.MINOR, widget=forms.RadioSelect
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    attachments = MultipleFileField(
        label=_("Photos, videos or documents"),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        machines = Machine.objects.select_related("model").order_by("serial_number")
        self.fields["machine"].queryset = policy.visible_machines(user, machines)  # type: ignore[attr-defined]
        self.fields["attachments"].help_text = attachment_help()

    def draft(self, contact_id: int | None) -> NewTicket:
        data = self.cleaned_data
        return NewTicket(
            subject=data["subject"],
            body=data["description"],
            channel=Channel.PORTAL,
            organisation_id=self.user.organisation_id,
            contact_id=contact_id,
            machine_id=data["machine"].pk if data["machine"] else None,
            category=data["category"],
            urgency=data["urgency"],
            impact=data["impact"],
            uploads=as_uploads(data["attachments"]),
        )

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "form": "portal.new_ticket",
            "subject": data["subject"],
            "description": data["description"],
            "category": data["category"],
            "urgency": data["urgency"],
            "impact": data["impact"],
            "machine_id": data["machine"].pk if data["machine"] else None,
            "attachments": describe_files(data["attachments"]),
        }


class ReplyForm(ServiceErrorMixin, forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(label=_("Attach files"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachment_help()


class ActionForm(ServiceErrorMixin, forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in PORTAL_ACTIONS], widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") in ACTIONS_NEEDING_COMMENT and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Please tell us what is still wrong, so we can act on it."))
        return data


class AcceptInvitationForm(ServiceErrorMixin, forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("You log in with this. Your e-mail address is fine."),
    )
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data

    def add_service_error(self, exc: ServiceError) -> None:
        if exc.field == "password":
            self.add_error("password1", exc.message)
        else:
            super().add_service_error(exc)
