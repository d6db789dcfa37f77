"""The administrators' tool for routing rules: the ordered list (position and active edited in
place), the change form, and the tester ("which rule would fire?") for the saved rules and for the
rule being edited, before it is saved."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from serviceloop.accounts.models import Team, User
from serviceloop.core.admin_mixins import ReadOnlyAdmin
from serviceloop.core.errors import InvalidInput
from serviceloop.sla.models import SlaPolicy

from .admin_forms import RoutingRuleForm, SampleForm, TryRuleForm
from .models import ExpertContact, HandOff, RoutingRule, SupplierOffer, TierTeam
from .services.conditions import LABELS, compile_rule
from .services.deciding import Decision
from .services.testing import reason, try_sample

_CONDITIONS = ("channels", "categories", "tiers", "countries", "regions", "languages", "warranty",
               "keywords")  # fmt: skip
_LINKED = ("product_lines", "product_models", "product_modules", "suppliers")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    form = RoutingRuleForm
    list_display = ("name", "position", "is_active", "stop", "rule_conditions", "rule_actions")
    list_editable = ("position", "is_active")
    list_filter = ("is_active", "stop")
    search_fields = ("name",)
    ordering = ("position", "id")
    filter_horizontal = ("product_lines", "product_models", "product_modules", "suppliers", "notify_users")
    change_list_template = "admin/routing/routingrule/change_list.html"
    change_form_template = "admin/routing/routingrule/change_form.html"
    fieldsets = (
        (None, {"fields": ("name", "position", "is_active", "stop")}),
        (gettext_lazy("Conditions (all that are set must hold)"), {"fields": (
            "channels", "categories", "product_lines", "product_models", "product_modules", "suppliers",
            "warranty", "tiers", "countries", "regions", "languages", "keywords",
        )}),
        (gettext_lazy("Actions"), {"fields": (
            "team", "assignee", "priority", "tags", "sla_policy", "notify_users", "notify_team",
        )}),
    )  # fmt: skip

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related(*_LINKED)

    @admin.display(description=gettext_lazy("conditions"))
    def rule_conditions(self, rule: RoutingRule) -> str:
        parts = [f"{LABELS[name]}: {', '.join(map(str, getattr(rule, name)))}"
                 for name in _CONDITIONS if getattr(rule, name)]  # fmt: skip
        parts += [f"{LABELS[name]}: {', '.join(map(str, getattr(rule, name).all()))}"
                  for name in _LINKED if getattr(rule, name).all()]  # fmt: skip
        return "; ".join(parts) or _("every ticket")

    @admin.display(description=gettext_lazy("actions"))
    def rule_actions(self, rule: RoutingRule) -> str:
        parts = [
            _("team %(team)s") % {"team": rule.team} if rule.team_id else "",
            _("assignee %(name)s") % {"name": rule.assignee} if rule.assignee_id else "",
            f"P{rule.priority}" if rule.priority else "",
            _("tags %(tags)s") % {"tags": ", ".join(rule.tags)} if rule.tags else "",
            _("SLA %(policy)s") % {"policy": rule.sla_policy} if rule.sla_policy_id else "",
        ]
        return "; ".join(p for p in parts if p) or "-"

    def get_urls(self):
        opts = self.opts
        name = f"{opts.app_label}_{opts.model_name}"
        own = [
            path("test/", self.admin_site.admin_view(self.test_rules_view), name=f"{name}_test"),
            path("test-rule/", self.admin_site.admin_view(self.test_rule_view), name=f"{name}_test_rule"),
        ]
        return own + super().get_urls()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra = {**(extra_context or {}), "sample_form": SampleForm(prefix="sample")}
        return super().changeform_view(request, object_id, form_url, extra)

    def test_rules_view(self, request: HttpRequest) -> HttpResponse:
        """The saved active rules against a sample ticket."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        sample = SampleForm(request.POST or None, prefix="sample")
        context = self._tried(sample, None, None) if request.method == "POST" else {}
        return self._render(request, _("Test routing rules"), {"sample_form": sample, **context})

    def test_rule_view(self, request: HttpRequest) -> HttpResponse:
        """The change form's values, not saved, in their place among the saved rules."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_test"))
        rule_id = request.POST.get("_rule_id", "")
        base = RoutingRule.objects.filter(pk=rule_id).first() if rule_id.isdigit() else None
        form = TryRuleForm(request.POST, instance=base or RoutingRule())
        sample = SampleForm(request.POST, prefix="sample")
        context: dict[str, Any] = {"rule_form": form, "sample_form": sample, "trying": True}
        if form.is_valid():
            candidate = compile_rule(form.instance, form.links())
            context.update(self._tried(sample, candidate, base.pk if base else None))
        title = _("Test the rule %(name)s before saving") % {"name": form.data.get("name") or "?"}
        return self._render(request, title, context)

    def _tried(self, sample: SampleForm, candidate: Any, replaces: int | None) -> dict[str, Any]:
        if not sample.is_valid():
            return {}
        try:
            verdicts, decision = try_sample(sample.sample(), candidate, replaces)
        except InvalidInput as exc:
            sample.add_error(None, exc.message)
            return {}
        rows = [{"verdict": v, "reason": reason(v), "candidate": v.rule is candidate} for v in verdicts]
        return {"rows": rows, "decision": describe(decision), "tested": True}

    def _render(self, request: HttpRequest, title: str, context: dict[str, Any]) -> HttpResponse:
        full = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "has_view_permission": True,
            **context,
        }
        return TemplateResponse(request, "admin/routing/routingrule/test.html", full)


def describe(decision: Decision) -> list[tuple[str, str]]:
    """What the fired rules would do, as lines for the tester: (what, value and the rule)."""
    names = {
        "team_id": (_("team"), Team),
        "assignee_id": (_("assignee"), User),
        "sla_policy_id": (_("SLA policy"), SlaPolicy),
    }
    lines = []
    for field, (value, rule) in decision.values.items():
        if field == "priority":
            lines.append((_("priority"), f"P{value} ({rule})"))
            continue
        label, model = names[field]
        found = model._default_manager.filter(pk=value).first()
        lines.append((label, f"{found or value} ({rule})"))
    if decision.tags:
        lines.append((_("tags"), ", ".join(decision.tags)))
    people = User.objects.filter(pk__in=decision.notify_user_ids)
    teams = Team.objects.filter(pk__in=decision.notify_team_ids)
    told = [str(p) for p in people] + [_("members of %(team)s") % {"team": t} for t in teams]
    if told:
        lines.append((_("notify"), ", ".join(told)))
    return lines


@admin.register(TierTeam)
class TierTeamAdmin(admin.ModelAdmin):
    """Which team receives a ticket escalated to each tier when the escalation names nobody."""

    list_display = ("tier", "team")


@admin.register(HandOff)
class HandOffAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Written by escalations and hand-backs only: the record of who moved a ticket between tiers."""

    list_display = ("ticket", "from_tier", "to_tier", "direction", "by", "at")
    list_filter = ("to_tier", "direction")
    list_select_related = ("ticket", "by")
    search_fields = ("ticket__number",)


@admin.register(ExpertContact)
class ExpertContactAdmin(admin.ModelAdmin):
    """The expert register: our experts and the partners', suppliers', brands' and freelance contacts."""

    list_display = ("name", "company", "city", "languages", "mobile", "phone", "availability", "active")
    list_editable = ("availability",)
    list_filter = ("company__kind", "availability", "active", "product_lines")
    list_select_related = ("company",)
    search_fields = ("name", "company__name", "city", "email", "mobile", "phone")
    filter_horizontal = ("product_lines",)
    raw_id_fields = ("user",)
    fieldsets = (
        (None, {"fields": ("company", "name", "user", "active")}),
        (gettext_lazy("What they know"), {"fields": ("product_lines", "languages")}),
        (gettext_lazy("How to reach them"), {"fields": ("city", "email", "mobile", "phone")}),
        (gettext_lazy("Availability"), {"fields": ("availability", "availability_note")}),
    )


@admin.register(SupplierOffer)
class SupplierOfferAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Written by the offers themselves: which supplier was asked, by when, and what became of it."""

    list_display = ("ticket", "supplier", "reason", "state", "offered_at", "due_at", "answered_by")
    list_filter = ("state", "reason", "supplier")
    list_select_related = ("ticket", "supplier", "answered_by")
    search_fields = ("ticket__number", "supplier__name")
