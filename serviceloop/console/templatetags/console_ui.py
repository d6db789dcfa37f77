"""Badges, safe message bodies, compact form controls and time zones for the console's templates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms, template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from serviceloop.channels import display
from serviceloop.customers.models import Tier
from serviceloop.tickets.models import Status
from serviceloop.tickets.priority import PRIORITY_LABELS
from serviceloop.tickets.text import body_to_html

from ..counts import CAP

register = template.Library()

_STATUS_STYLE: dict[str, str] = {
    Status.NEW: "primary",
    Status.OPEN: "info",
    Status.PENDING_CUSTOMER: "secondary",
    Status.WAITING_FOR_PARTS: "secondary",
    Status.ESCALATED: "danger",
    Status.SOLUTION_PROPOSED: "warning",
    Status.SOLUTION_APPROVED: "success",
    Status.IN_PROGRESS: "primary",
    Status.AWAITING_VERIFICATION: "warning",
    Status.RESOLVED: "success",
    Status.CLOSED: "dark",
    Status.REOPENED: "danger",
    Status.CANCELLED: "light",
    Status.MERGED: "light",
}
_PRIORITY_STYLE: dict[int, str] = {1: "danger", 2: "warning", 3: "info", 4: "light"}
_TIER_STYLE: dict[str, str] = {Tier.KEY: "warning", Tier.STANDARD: "secondary", Tier.BASIC: "light"}


@register.filter
def body_html(body: str) -> SafeString:
    """A message body as HTML: `body_to_html` escapes plain text and sanitises HTML, so it is safe."""
    return mark_safe(body_to_html(body))


@register.filter
def mail_body_html(body: str) -> SafeString:
    """A mail's text with the quoted history folded away (still there, one click away)."""
    return display.mail_body_html(body)


@register.simple_tag
def status_badge(status: str) -> str:
    label = Status(status).label if status in Status.values else status
    style = _STATUS_STYLE.get(status, "secondary")
    border = " border" if style == "light" else ""
    return format_html('<span class="badge text-bg-{}{}">{}</span>', style, border, label)


@register.simple_tag
def priority_badge(priority: int, emergency: bool = False, compact: bool = False) -> str:
    """P1..P4; an emergency (the customer's business stopped) adds a red badge, just "!" in tables."""
    style = _PRIORITY_STYLE.get(priority, "light")
    border = " border" if style == "light" else ""
    html = format_html(
        '<span class="badge text-bg-{}{}" title="{}">{}</span>',
        style,
        border,
        _("Priority %(n)s (1 is the most urgent)") % {"n": priority},
        PRIORITY_LABELS.get(priority, f"P{priority}"),
    )
    if emergency:
        label = _("Emergency")
        html += format_html(
            ' <span class="badge bg-danger-subtle text-danger-emphasis border border-danger" '
            'title="{}">{}</span>',
            _("Emergency: the customer's business has stopped"),
            format_html('!<span class="visually-hidden"> {}</span>', label) if compact else label,
        )
    return html


@register.simple_tag
def tier_badge(tier: str, label: str) -> str:
    style = _TIER_STYLE.get(tier, "light")
    return format_html('<span class="badge text-bg-{} border">{}</span>', style, label)


@register.filter
def capped(count: int) -> str:
    """A view count from `counts.view_counts`: exact up to the cap, then "1000+"."""
    return f"{CAP}+" if count > CAP else str(count)


@register.filter
def timetag(value: datetime | None) -> SafeString:
    """A moment as <time>, shown in the viewer's zone (strftime: the date filter is slow in long lists)."""
    if value is None:
        return mark_safe("—")
    local = timezone.localtime(value)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), local.strftime("%Y-%m-%d %H:%M"))


@register.filter
def is_past(value: datetime | date | None) -> bool:
    """Whether a deadline (a moment, or a day such as a warranty end) has gone by."""
    if value is None:
        return False
    if isinstance(value, datetime):
        return value < timezone.now()
    return value < timezone.localdate()


@register.filter
def control(field: Any, size: str = "sm") -> str:
    """A form field's widget with Bootstrap's compact classes and its invalid state."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = f"form-select form-select-{size}" if size else "form-select"
    else:
        css = f"form-control form-control-{size}" if size else "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})
