"""The forms of the routing rules' admin: the rule with tick boxes and word lists instead of the
JSON lists it stores, and the sample ticket the tester tries."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from serviceloop.customers.models import Contact, Machine, Organisation, ProductModel, ProductModule, Tier
from serviceloop.tickets.models import Category, Channel

from .models import RoutingRule, WarrantyStatus
from .models.rule import check_people_to_notify
from .services.testing import Sample

_SEPARATORS = re.compile(r"[,，、;；\n]+")  # Chinese writers separate with ，and 、
LINKS = ("product_lines", "product_models", "product_modules", "suppliers", "notify_users")


class WordListField(forms.CharField):
    """A list of words or phrases typed in one box, separated by commas or new lines."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 60}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return list(dict.fromkeys(w.strip() for w in _SEPARATORS.split(text) if w.strip()))


def _ticks(choices: Any, label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


_COMMAS = _("Separate them with commas.")


class RoutingRuleForm(forms.ModelForm):
    channels = _ticks(Channel.choices, _("channels"))
    categories = _ticks(Category.choices, _("categories"))
    tiers = _ticks(Tier.choices, _("customer tiers"))
    warranty = _ticks(WarrantyStatus.choices, _("warranty"))
    countries = WordListField(
        label=_("countries"), help_text=format_lazy("{} {}", _("ISO codes, e.g. DE, CN."), _COMMAS)
    )
    regions = WordListField(label=_("regions"), help_text=_COMMAS)
    languages = WordListField(
        label=_("languages"),
        help_text=format_lazy("{} {}", _("e.g. zh, de. The contact's language, else the organisation's; "
                                         "zh also holds for zh-hans."), _COMMAS),
    )  # fmt: skip
    keywords = WordListField(
        label=_("keywords"),
        help_text=format_lazy("{} {}", _("Any of these in the subject or the first message, ignoring case; "
                                         "a Latin word must start a word of the text, Chinese is found "
                                         "anywhere."), _COMMAS),
    )  # fmt: skip
    tags = WordListField(label=_("add tags"), help_text=_COMMAS)

    class Meta:
        model = RoutingRule
        fields = (
            "name", "position", "is_active", "stop", "channels", "categories", "product_lines",
            "product_models", "product_modules", "suppliers", "warranty", "tiers", "countries", "regions",
            "languages", "keywords", "team", "assignee", "priority", "tags", "sla_policy", "notify_users",
            "notify_team",
        )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            check_people_to_notify(cleaned.get("notify_users") or [])
        except ValidationError as exc:
            self.add_error(None, exc)  # names notify_users
        return cleaned


class TryRuleForm(RoutingRuleForm):
    """The change form's values, tried without saving: a name already taken does not matter yet."""

    def validate_unique(self) -> None:
        pass

    def links(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or [] for name in LINKS}


class SampleForm(forms.Form):
    """A ticket as it could come in: what the rules look at."""

    subject = forms.CharField(label=_("subject"), required=False, max_length=255)
    body = forms.CharField(label=_("first message"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    channel = forms.ChoiceField(
        label=_("channel"), required=False, choices=[("", "---------"), *Channel.choices]
    )
    category = forms.ChoiceField(
        label=_("category"), required=False, choices=[("", "---------"), *Category.choices]
    )
    organisation = forms.ModelChoiceField(Organisation.objects.all(), label=_("organisation"), required=False)
    contact = forms.ModelChoiceField(Contact.objects.all(), label=_("contact"), required=False)
    machine = forms.ModelChoiceField(
        Machine.objects.select_related("model"), label=_("machine"), required=False,
        help_text=_("Gives the product model, the supplier and the warranty (as of today)."),
    )  # fmt: skip
    product_model = forms.ModelChoiceField(
        ProductModel.objects.all(), label=_("product model"), required=False,
        help_text=_("When there is no machine."),
    )  # fmt: skip
    product_module = forms.ModelChoiceField(
        ProductModule.objects.select_related("line"), label=_("product module"), required=False
    )
    language = forms.CharField(
        label=_("language"), required=False, max_length=10,
        help_text=_("Empty: the contact's, else the organisation's."),
    )  # fmt: skip

    def sample(self) -> Sample:
        data = self.cleaned_data

        def pk(name: str) -> int | None:
            return data[name].pk if data.get(name) else None

        return Sample(
            subject=data["subject"], body=data["body"], channel=data["channel"], category=data["category"],
            organisation_id=pk("organisation"), contact_id=pk("contact"), machine_id=pk("machine"),
            product_model_id=pk("product_model"), product_module_id=pk("product_module"),
            language=data["language"],
        )  # fmt: skip
