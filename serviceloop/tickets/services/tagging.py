from django.utils.translation import gettext as _

from serviceloop.core.errors import InvalidInput

from ..models import Tag, Ticket
from .validation import reject_nul


def clean_tags(names: list[str]) -> list[str]:
    cleaned: dict[str, None] = {}
    for name in names:
        name = reject_nul((name or "").strip().lower(), "tags")
        if not name:
            continue
        if len(name) > 60:
            raise InvalidInput(
                _("tags: %(tag)s… is longer than %(max)s characters.") % {"tag": name[:20], "max": 60},
                field="tags",
            )
        cleaned.setdefault(name, None)
    return list(cleaned)


def set_tags(ticket: Ticket, names: list[str]) -> None:
    tags = [Tag.objects.get_or_create(name=name)[0] for name in clean_tags(names)]
    ticket.tags.set(tags)
