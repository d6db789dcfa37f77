"""The tier panel of the ticket page: who works the ticket now, why, what was tried; escalate or hand back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from serviceloop.accounts.models import Team
from serviceloop.core import policy
from serviceloop.core.errors import ServiceError
from serviceloop.routing import tiers
from serviceloop.routing.models import Tier
from serviceloop.tickets.models import Channel, Ticket

from ..access import console_view, load_ticket
from ..errors import attach_service_error
from ..forms.choices import assignable_people

PAGE = "console/ticket/page.html"
EARLIER_SHOWN = 20  # the panel lists the latest hand-offs; the API and history keep them all


class EscalateForm(forms.Form):
    to_tier = forms.ChoiceField(label=gettext_lazy("Escalate to"), choices=Tier.choices)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)
    tried = forms.CharField(
        label=gettext_lazy("What was tried"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"), queryset=Team.objects.all(), required=False,
        empty_label=gettext_lazy("The tier's team"),
    )  # fmt: skip
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Person"), queryset=assignable_people(), required=False,
        empty_label=gettext_lazy("Chosen by the team's assignment"),
    )  # fmt: skip

    def __init__(self, *args: Any, tier: str = Tier.L1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_tier"].choices = [(t, Tier(t).label) for t in tiers.allowed_targets(tier)]  # type: ignore[attr-defined]


class HandBackForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("L1 agent"), queryset=assignable_people(), required=False,
        empty_label=gettext_lazy("The agent who escalated it"),
    )  # fmt: skip


def escalation_panel(user: Any, ticket: Ticket, escalate_form: EscalateForm | None = None,
                     hand_back_form: HandBackForm | None = None) -> dict[str, Any]:  # fmt: skip
    """The current tier and the latest hand-off first, then the earlier ones and the forms `user` may use."""
    hand_offs = list(tiers.hand_offs(ticket)[:EARLIER_SHOWN])
    tier = hand_offs[0].to_tier if hand_offs else Tier.L1
    can_move = policy.can_edit_ticket(user) and not ticket.is_final
    return {
        "tier": Tier(tier),
        "latest": hand_offs[0] if hand_offs else None,
        "earlier": hand_offs[1:],
        "can_escalate": can_move and tier != Tier.MANAGER,
        "can_hand_back": can_move and tier != Tier.L1,
        "escalate_form": escalate_form or EscalateForm(tier=tier),
        "hand_back_form": hand_back_form or HandBackForm(),
    }


def _page(request: HttpRequest, ticket: Ticket, status: int, **forms: Any) -> HttpResponse:
    from ..ticket_page import ticket_context  # the ticket page builds this panel: imported when used

    return render(request, PAGE, ticket_context(request, ticket, **forms), status=status)


def _back(ticket: Ticket) -> HttpResponse:
    return redirect(reverse("console:ticket", args=[ticket.number]) + "#escalation")


def _pk(value: Any) -> Any:
    return value.pk if value is not None else None


@console_view
@require_POST
def post_escalate(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = EscalateForm(request.POST, tier=tiers.current_tier(ticket))
    if not form.is_valid():
        return _page(request, ticket, 422, escalate_form=form)
    data = form.cleaned_data
    try:
        hand_off = tiers.escalate(
            request.user, ticket, data["to_tier"], data["reason"], data["tried"],
            team=_pk(data["team"]), assignee=_pk(data["assignee"]), channel=Channel.CONSOLE,
        )  # fmt: skip
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, exc.status, escalate_form=form)
    messages.success(request, _("Escalated to %(tier)s.") % {"tier": hand_off.get_to_tier_display()})
    return _back(ticket)


@console_view
@require_POST
def post_de_escalate(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = HandBackForm(request.POST)
    if not form.is_valid():
        return _page(request, ticket, 422, hand_back_form=form)
    data = form.cleaned_data
    try:
        tiers.de_escalate(
            request.user, ticket, data["reason"], to_user=_pk(data["assignee"]), channel=Channel.CONSOLE
        )
    except ServiceError as exc:
        attach_service_error(form, exc)
        return _page(request, ticket, exc.status, hand_back_form=form)
    messages.success(request, _("Handed back to L1 for the customer follow-up."))
    return _back(ticket)
