"""A ticket's timeline rendered in Python rather than through the template engine.

A busy ticket has 50 messages and as many history rows; through Django's template engine they cost
about half of the ticket page (target: 60 ms), as the queue's rows did (see console_fast). The
markup is the one the template spelled out before; console/ticket/_timeline.html now only calls this.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from serviceloop.channels import display
from serviceloop.tickets.models import Attachment, Channel, Message
from serviceloop.tickets.text import body_to_html

from ..timeline import Entry
from .console_ui import timetag

register = template.Library()


class _Timeline:
    """Renders one request's entries; labels are translated once, in the active language."""

    def __init__(self) -> None:
        self.note = escape(_("Internal note"))
        self.reply = escape(_("Public reply"))
        self.unknown = escape(_("Unknown sender"))
        self.shared = escape(_("shared with the partner"))
        self.system = escape(_("System"))
        # get_channel_display() would hash every lazy label (translating each) for each message.
        self.channels = {value: escape(str(label)) for value, label in Channel.choices}
        # Attachment ids are digits: one reverse() serves every link.
        self.file_url = reverse("console:attachment", args=[0]).replace("/0/", "/{}/")

    def message(self, m: Message, files: list[Attachment]) -> str:
        author = m.author_name or (str(m.author) if m.author else "")
        who = f"<strong>{escape(author) if author else self.unknown}</strong>"
        if m.author_name and m.author:
            logged = _("logged by %(agent)s") % {"agent": m.author}
            who += f' <span class="text-body-secondary">{escape(logged)}</span>'
        if m.is_internal:
            kind = f'<span class="badge text-bg-warning">{self.note}</span>'
            if m.shared_with_partner:
                kind += f' <span class="badge text-bg-info">{self.shared}</span>'
        else:
            kind = f'<span class="badge text-bg-light border">{self.reply}</span>'
        if m.channel == Channel.EMAIL:
            body = display.mail_body_html(m.body)
        else:
            body = mark_safe(body_to_html(m.body))  # escaped text, or sanitised HTML
        channel = self.channels.get(m.channel) or escape(m.channel)
        return (
            f'<article class="message card mb-2{" note" if m.is_internal else ""}" id="message-{m.pk}">'
            '<div class="card-header bg-transparent small d-flex flex-wrap gap-2 align-items-center py-1">'
            f'{who} {kind} <span class="text-body-secondary">{channel}</span>'
            f'<span class="ms-auto text-body-secondary">{timetag(m.created_at)}</span></div>'
            f'<div class="card-body py-2 message-body">{body}</div>{self.files(files)}</article>'
        )

    def files(self, files: list[Attachment]) -> str:
        items = [
            f'<li class="list-inline-item"><a href="{self.file_url.format(a.pk)}" download>'
            f"{escape(a.filename)}</a> "
            f'<span class="text-body-secondary">({filesizeformat(a.size)})</span></li>'
            for a in files
        ]
        return f'<ul class="list-inline small px-3 pb-2 mb-0">{"".join(items)}</ul>' if items else ""

    def event(self, entry: Entry) -> str:
        event = entry.event
        assert event is not None
        actor = escape(str(event.actor)) if event.actor else self.system
        change = ""
        if entry.old or entry.new:
            change = (
                f": <del>{escape(entry.old or '—')}</del> &rarr; "
                f'<span class="text-body">{escape(entry.new or "—")}</span>'
            )
        channel = entry.channel_label
        badge = ""
        if channel:
            badge = f' <span class="badge text-bg-light border fw-normal">{escape(channel)}</span>'

        comment = f'<div class="fst-italic">{escape(entry.comment)}</div>' if entry.comment else ""
        return (
            f'<div class="event small text-body-secondary py-1 mb-2" id="event-{event.pk}">'
            f'{timetag(entry.at)} · <span class="text-body">{actor}</span> {escape(entry.text)}'
            f"{change}{badge}{comment}</div>"
        )


@register.simple_tag
def timeline_entries(entries: list[Entry]) -> SafeString:
    """The timeline's messages and history rows, oldest first."""
    if not entries:
        nothing = escape(_("Nothing yet."))  # outside the f-string, where makemessages finds it
        return mark_safe(f'<p class="text-body-secondary">{nothing}</p>')
    render = _Timeline()
    html = (render.message(e.message, e.files) if e.message is not None else render.event(e) for e in entries)
    return mark_safe("".join(html))  # every value above is escaped or already-sanitised HTML
