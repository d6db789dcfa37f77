"""The phone-call handling form (seed 003): who called, about which machine, what was said and promised."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from serviceloop.core import policy
from serviceloop.customers.models import Contact, Machine, Organisation, ProductModule
from serviceloop.tickets.models import Category, Channel, Impact, Urgency
from serviceloop.tickets.services import NewTicket

LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends, in the agent's zone


def _local_datetime_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT)


class MachineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        warranty = obj.warranty_end.isoformat() if obj.warranty_end else "—"
        return gettext("%(serial)s · %(model)s · warranty until %(end)s") % {
            "serial": obj.serial_number,
            "model": obj.model.code,
            "end": warranty,
        }


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return " · ".join(part for part in (obj.name, obj.phone or obj.mobile, obj.email) if part)


class PhoneForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"required": _("Find the caller's organisation with the lookup and choose it.")},
    )
    contact = ContactChoiceField(
        label=_("Contact on file"),
        queryset=Contact.objects.none(),
        required=False,
        empty_label=_("Not on file / not sure"),
    )
    caller_name = forms.CharField(label=_("Caller's name"), max_length=200, required=False)
    caller_phone = forms.CharField(label=_("Caller's phone"), max_length=40, required=False)
    machine = MachineChoiceField(
        label=_("Machine"), queryset=Machine.objects.none(), required=False, empty_label=_("Not known")
    )
    product_module = forms.ModelChoiceField(
        label=_("Product module"),
        required=False,
        empty_label="—",
        queryset=ProductModule.objects.select_related("line"),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices, initial=Category.TECHNICAL)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    impact = forms.ChoiceField(label=_("Impact"), choices=Impact.choices, initial=Impact.MINOR)
    subject = forms.CharField(label=_("Subject"), max_length=255)
    description = forms.CharField(label=_("Problem description"), widget=forms.Textarea(attrs={"rows": 6}))
    promise = forms.CharField(
        label=_("What was promised"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. an engineer calls back")}),
    )
    promise_due = forms.DateTimeField(label=_("By when"), required=False, widget=_local_datetime_input())
    received_at = forms.DateTimeField(
        label=_("Call received at"),
        widget=_local_datetime_input(),
        help_text=_("When the call came in, in your time zone; the deadlines start then."),
    )
    executive = forms.BooleanField(label=_("Executive hotline"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        organisations = policy.visible_organisations(user, Organisation.objects.all())
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if not self.is_bound and "received_at" not in self.initial:
            self.initial["received_at"] = timezone.localtime().replace(second=0, microsecond=0)
        self.chosen_organisation = self._organisation()
        if self.chosen_organisation is not None:
            org = self.chosen_organisation
            self.fields["contact"].queryset = org.contacts.all()  # type: ignore[attr-defined]
            machines = Machine.objects.filter(organisation=org).select_related("model")
            self.fields["machine"].queryset = policy.visible_machines(user, machines)  # type: ignore[attr-defined]

    def _organisation(self) -> Organisation | None:
        """The organisation chosen so far (before validation), whose contacts and machines are offered."""
        raw = (
            self.data.get(self.add_prefix("organisation"))
            if self.is_bound
            else self.initial.get("organisation")
        )
        if isinstance(raw, Organisation):
            return raw
        try:
            pk = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return policy.visible_organisations(self.user, Organisation.objects.filter(pk=pk)).first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("caller_name") and not data.get("contact") and "caller_name" not in self.errors:
            self.add_error(
                "caller_name", _("Who called? Type the caller's name or choose a contact on file.")
            )
        if data.get("promise_due") and not data.get("promise"):
            self.add_error("promise", _("Say what was promised by that time."))
        return data

    def body(self) -> str:
        """The first message: who called and how to reach them, then the problem in the caller's words."""
        data = self.cleaned_data
        contact = data.get("contact")
        name = data.get("caller_name") or (contact.name if contact else "")
        phone = data.get("caller_phone") or (contact and (contact.phone or contact.mobile)) or ""
        header = [gettext("Caller: %(name)s") % {"name": name}]
        if phone:
            header.append(gettext("Phone: %(phone)s") % {"phone": phone})
        if contact and contact.name != name:
            header.append(gettext("Contact on file: %(name)s") % {"name": contact.name})
        return "\n".join(header) + "\n\n" + data["description"]

    def new_ticket(self) -> NewTicket:
        data = self.cleaned_data

        def pk(name: str) -> Any:
            return data[name].pk if data.get(name) else None

        promise_due: datetime | None = data.get("promise_due")
        return NewTicket(
            subject=data["subject"],
            body=self.body(),
            channel=Channel.EXECUTIVE if data.get("executive") else Channel.PHONE,
            organisation_id=pk("organisation"),
            contact_id=pk("contact"),
            machine_id=pk("machine"),
            product_module_id=pk("product_module"),
            category=data["category"],
            urgency=data["urgency"],
            impact=data["impact"],
            received_at=data["received_at"],
            author_name=data.get("caller_name") or (data["contact"].name if data.get("contact") else ""),
            commitments=[(data["promise"], promise_due)] if data.get("promise") else [],
        )
