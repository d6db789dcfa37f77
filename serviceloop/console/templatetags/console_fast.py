"""Hot-path rendering for the queue, in Python rather than through the template engine.

The queue is the console's busiest page (target: first page in 50 ms on a million tickets). Through
Django's template engine its 50 rows cost ~20 ms and the filter widgets ~10 ms, more than all of
its SQL; built here with `format_html` they cost a fraction of that. The markup is the same a
template would produce; keep it in step with console/queue/_results.html.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import forms, template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from serviceloop.tickets.models import Ticket

from .console_ui import priority_badge, status_badge

register = template.Library()

_DASH = '<span class="text-body-secondary">—</span>'


def _time(value: datetime | None, year: int) -> str:
    """Compact: this year's moments without the year, older ones by date only; the full time on hover."""
    if value is None:
        return _DASH
    local = timezone.localtime(value)
    short = local.strftime("%m-%d %H:%M" if local.year == year else "%Y-%m-%d")
    return f'<time datetime="{local.isoformat()}" title="{local.strftime("%Y-%m-%d %H:%M")}">{short}</time>'


class _Rows:
    """Renders rows for one request; badges are built once per distinct value (in the active language)."""

    def __init__(self, org_link: str, selectable: bool = False) -> None:
        self.selectable = selectable
        self.select_label = _("Select %(number)s")
        self.now = timezone.now()
        self.year = timezone.localtime(self.now).year
        self.org_link = escape(org_link)
        self.only_org = escape(_("only this organisation"))
        # Ticket numbers are letters, digits and dashes, safe in a path: one reverse() serves every row.
        self.url = reverse("console:ticket", args=["NUMBER"])
        self.badges: dict[tuple[Any, ...], str] = {}

    def badge(self, *key: Any) -> str:
        if key not in self.badges:
            if key[0] == "status":
                self.badges[key] = str(status_badge(key[1]))
            else:
                self.badges[key] = str(priority_badge(key[1], key[2], compact=True))
        return self.badges[key]

    def row(self, t: Ticket) -> str:
        url = escape(self.url.replace("NUMBER", t.number))
        org = escape(t.organisation.name)
        serial = escape(t.machine.serial_number) if t.machine else ""
        model = escape(t.product_model.code) if t.product_model else ""
        if t.assignee:
            assignee: str = escape(str(t.assignee))
        elif t.team:
            assignee = f'<span class="text-body-secondary">{escape(str(t.team))}</span>'
        else:
            assignee = _DASH
        overdue = t.due_at is not None and t.due_at < self.now and not t.is_final
        return (
            f'<tr data-row-href="{url}">{self.checkbox(t)}'
            f'<td><a class="ticket-number" href="{url}">{escape(t.number)}</a></td>'
            f'<td class="text-nowrap">{self.badge("priority", t.priority, t.is_emergency)}</td>'
            f'<td class="queue-subject text-truncate" title="{escape(t.subject)}">{escape(t.subject)}</td>'
            f'<td class="queue-org text-truncate"><a class="link-body-emphasis text-decoration-none" '
            f'href="{self.org_link}{t.organisation_id}" title="{org}: {self.only_org}">{org}</a></td>'
            f'<td class="text-nowrap"><span class="font-monospace">{serial}</span> '
            f'<span class="text-body-secondary">{model}</span></td>'
            f"<td>{self.badge('status', t.status)}</td>"
            f'<td class="queue-assignee text-truncate">{assignee}</td>'
            f'<td class="text-nowrap">{_time(t.received_at, self.year)}</td>'
            f'<td class="text-nowrap{" text-danger fw-semibold" if overdue else ""}">'
            f"{_time(t.due_at, self.year)}</td></tr>"
        )

    def checkbox(self, t: Ticket) -> str:
        """The row's box for the bulk toolbar: its value carries the version the row shows, so a
        ticket changed since is refused rather than overwritten."""
        if not self.selectable:
            return ""
        number = escape(t.number)
        label = escape(self.select_label % {"number": t.number})
        return (
            f'<td class="queue-check"><input class="form-check-input" type="checkbox" name="ticket" '
            f'value="{number}:{t.version}" form="queue-bulk" aria-label="{label}" data-bulk-row></td>'
        )


@register.simple_tag
def queue_rows(rows: Iterable[Ticket], org_link: str, selectable: bool = False) -> SafeString:
    """The table rows; `org_link` is the current query with `organisation=` last, awaiting an id;
    `selectable`: with a box to tick for the bulk toolbar."""
    renderer = _Rows(org_link, selectable)
    return mark_safe("".join(renderer.row(ticket) for ticket in rows))


def _choices(field: forms.Field) -> Iterable[tuple[Any, Any]]:
    """A field's choices; a model field's from one plain query (its own iterator opens a server-side
    cursor on PostgreSQL: three round trips per list instead of one)."""
    if not isinstance(field, forms.ModelChoiceField):
        return field.choices  # type: ignore[attr-defined]
    blank = [("", field.empty_label)] if field.empty_label is not None else []
    return blank + [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset]  # type: ignore[union-attr]


@register.simple_tag
def select(field: Any, size: str = "sm") -> SafeString:
    """A single-choice field as a Bootstrap <select>, without a template per option."""
    current = field.value()
    current = "" if current is None else str(current)
    choices = (
        (value, " selected" if str(value) == current else "", label) for value, label in _choices(field.field)
    )
    options = format_html_join("", '<option value="{}"{}>{}</option>', choices)
    css = f"form-select form-select-{size}" + (" is-invalid" if field.errors else "")
    return format_html(
        '<select name="{}" id="{}" class="{}">{}</select>', field.html_name, field.auto_id, css, options
    )


_CHECKBOX_LAYOUTS = {
    # A list of check boxes (the status pop-up).
    "list": '<div class="form-check"><input class="form-check-input" type="checkbox" id="{id}" name="{name}" '
    'value="{value}"{checked}><label class="form-check-label" for="{id}">{label}</label></div>',
    # A group of toggle buttons (P1..P4).
    "toggles": '<input class="btn-check" type="checkbox" id="{id}" name="{name}" value="{value}"{checked} '
    'autocomplete="off"><label class="btn btn-outline-secondary" for="{id}">{label}</label>',
}


@register.simple_tag
def checkboxes(field: Any, layout: str = "list") -> SafeString:
    """A multiple-choice field as check boxes or toggle buttons, without a template per box."""
    chosen = {str(v) for v in (field.value() or [])}
    html = _CHECKBOX_LAYOUTS[layout]
    return mark_safe(
        "".join(
            format_html(
                html,
                id=f"{field.auto_id}_{i}",
                name=field.html_name,
                value=value,
                checked=" checked" if str(value) in chosen else "",
                label=label,
            )
            for i, (value, label) in enumerate(field.field.choices)
        )
    )
