"""The knowledge base's forms in the console: searching, writing an article, reviewing, comparing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from serviceloop.core import policy
from serviceloop.customers.models import ProductModel, Supplier
from serviceloop.knowledge.models import Article, Kind, KnowledgeCategory, Visibility
from serviceloop.knowledge.services import MOVES, ArticleContent, SearchFilters
from serviceloop.tickets.models import FaultType

PAGE_SIZE = 20
_FILING = ("kind", "category", "language", "translation_of", "visibility", "supplier", "product_models",
           "module", "fault_type", "tags")  # fmt: skip


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    product_model = forms.ModelChoiceField(
        label=_("Product model"),
        required=False,
        queryset=ProductModel.objects.all(),
        empty_label=_("Any model"),
    )
    module = forms.CharField(label=_("Module"), required=False, max_length=120)
    fault_type = forms.ModelChoiceField(
        label=_("Fault type"),
        required=False,
        queryset=FaultType.objects.all(),
        empty_label=_("Any fault type"),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])
    language = forms.CharField(label=_("Language"), required=False, max_length=16)
    unpublished = forms.BooleanField(label=_("Include drafts and articles in review"), required=False)
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, max_value=500, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Symptom, model number, error code…"), "autocomplete": "off"}
        )
        self.fields["module"].widget.attrs["placeholder"] = _("Module")
        self.fields["language"].widget.attrs["placeholder"] = _("Language, e.g. en or zh-hans")

    def _valid(self, name: str, default: Any = None) -> Any:
        """A parameter's clean value; one that failed to parse is ignored (its error is shown)."""
        if not self.is_bound or name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    @property
    def query(self) -> str:
        return str(self._valid("q", "")).strip()

    @property
    def page_number(self) -> int:
        return int(self._valid("page", 1))

    @property
    def include_unpublished(self) -> bool:
        return bool(self._valid("unpublished", False))

    def filters(self) -> SearchFilters:
        model, fault = self._valid("product_model"), self._valid("fault_type")
        return SearchFilters(
            product_model_id=model.pk if model else None,
            module=self._valid("module"),
            fault_type_id=fault.pk if fault else None,
            kind=self._valid("kind"),
            language=self._valid("language"),
        )


class ArticleForm(forms.Form):
    """One article's text and filing; `translation_of` only when a new language version is written."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    symptom = forms.CharField(
        label=_("Symptom"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the customer sees or reports."),
    )  # fmt: skip
    cause = forms.CharField(
        label=_("Cause"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    fix_steps = forms.CharField(
        label=_("Fix steps (Markdown)"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}), help_text=_("A numbered list reads best: 1. … 2. …"),
    )  # fmt: skip
    body = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=KnowledgeCategory.objects.all())
    product_models = forms.ModelMultipleChoiceField(
        label=_("Affected product models"), required=False, queryset=ProductModel.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )  # fmt: skip
    module = forms.CharField(label=_("Module"), required=False, max_length=120)
    fault_type = forms.ModelChoiceField(
        label=_("Fault type"), required=False, queryset=FaultType.objects.all()
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=1000, help_text=_("Words separated by commas.")
    )
    language = forms.CharField(label=_("Language"), max_length=16, initial="en")
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.INTERNAL
    )
    supplier = forms.ModelChoiceField(
        label=_("Partner or supplier"), required=False, queryset=Supplier.objects.all(),
        help_text=_("Whose product document this is; needed for partner visibility."),
    )  # fmt: skip
    translation_of = forms.IntegerField(
        label=_("Language version of article"), required=False, min_value=1, max_value=2**31 - 1,
        help_text=_("The number of the article this one translates; leave empty for a new article."),
    )  # fmt: skip
    note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_("A short note kept with this version."),
    )

    def __init__(self, *args: Any, user: Any, article: Article | None = None, **kwargs: Any) -> None:
        if article is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = _initial(article)
        super().__init__(*args, **kwargs)
        self.user = user
        self.article = article
        # An edit names the version it started from, so a change made meanwhile is not overwritten.
        self.fields["version"].required = article is not None
        if article is not None:
            del self.fields["translation_of"]  # the language group is chosen when the article is written
        if policy.is_partner(user):
            # A partner writes its own company's documents, never internal ones (the services refuse them).
            del self.fields["supplier"]
            kind, visibility = self.fields["kind"], self.fields["visibility"]
            assert isinstance(kind, forms.ChoiceField) and isinstance(visibility, forms.ChoiceField)
            kind.choices = [c for c in Kind.choices if c[0] != Kind.INTERNAL_NOTE]
            visibility.choices = [c for c in Visibility.choices if c[0] != Visibility.INTERNAL]
            self.fields["visibility"].initial = Visibility.PARTNER

    @property
    def filing_fields(self) -> list[forms.BoundField]:
        """How the article is filed, shown beside its text."""
        return [self[name] for name in _FILING if name in self.fields]

    def content(self) -> ArticleContent:
        data = self.cleaned_data
        supplier = data.get("supplier")
        supplier_id = (
            self.user.supplier_id if "supplier" not in self.fields else (supplier.pk if supplier else None)
        )
        return ArticleContent.of(
            kind=data["kind"], title=data["title"], body=data["body"], symptom=data["symptom"],
            cause=data["cause"], fix_steps=data["fix_steps"], module=data["module"],
            product_model_ids=[m.pk for m in data["product_models"]],
            fault_type_id=data["fault_type"].pk if data["fault_type"] else None,
            category_id=data["category"].pk, tags=data["tags"], language=data["language"],
            visibility=data["visibility"], supplier_id=supplier_id,
        )  # fmt: skip


def _initial(article: Article) -> dict[str, Any]:
    return {
        "version": article.version, "kind": article.kind, "title": article.title, "symptom": article.symptom,
        "cause": article.cause, "fix_steps": article.fix_steps, "body": article.body,
        "category": article.category_id, "product_models": list(article.product_models.all()),
        "module": article.module, "fault_type": article.fault_type_id, "tags": ", ".join(article.tags),
        "language": article.language, "visibility": article.visibility, "supplier": article.supplier_id,
    }  # fmt: skip


class PreviewForm(forms.Form):
    """The Markdown fields of the article form, rendered while writing."""

    symptom = forms.CharField(required=False, max_length=10_000)
    cause = forms.CharField(required=False, max_length=10_000)
    fix_steps = forms.CharField(required=False, max_length=20_000)
    body = forms.CharField(required=False, max_length=100_000)


class MoveForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, move.label) for name, move in MOVES.items()])
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompareForm(forms.Form):
    old = forms.IntegerField(label=_("From version"), min_value=1, max_value=2**31 - 1)
    new = forms.IntegerField(label=_("To version"), min_value=1, max_value=2**31 - 1)


class RestoreForm(forms.Form):
    number = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
