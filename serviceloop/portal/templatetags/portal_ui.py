"""Template helpers for the customer portal: status in plain words and the progress of the loop."""

from django import template
from django.utils.safestring import mark_safe

from serviceloop.channels import display
from serviceloop.tickets.text import body_to_html

from ..presentation import customer_status, progress

register = template.Library()


@register.inclusion_tag("portal/includes/status_badge.html")
def status_badge(status: str) -> dict:
    return {"status": customer_status(status)}


@register.inclusion_tag("portal/includes/progress.html")
def progress_steps(status: str) -> dict:
    return {"steps": progress(status), "status": customer_status(status)}


@register.filter
def message_html(body: str) -> str:
    """A message body as HTML: `body_to_html` escapes text and sanitises HTML, so it is safe to show."""
    return mark_safe(body_to_html(body))


@register.filter
def mail_body_html(body: str) -> str:
    """A mail's text with the quoted history folded away (still there, one click away)."""
    return display.mail_body_html(body)
