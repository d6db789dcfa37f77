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
    remember_tags(ticket, tags)


def add_tags(ticket: Ticket, names: list[str]) -> None:
    """Give the ticket these tags besides those it has, with one INSERT that skips any it has
    already (`set_tags` first reads which it has: a new ticket has none, or they are remembered)."""
    added = [Tag.objects.get_or_create(name=name)[0] for name in clean_tags(names)]
    had = list(ticket.tags.all())  # from memory when remembered
    ticket.tags.add(*added)
    remember_tags(ticket, list({tag.pk: tag for tag in [*had, *added]}.values()))


def remember_tags(ticket: Ticket, tags: list[Tag]) -> None:
    """Let `ticket.tags.all()` answer from memory with `tags`, the ticket's tags as just written, as
    a prefetch would; the next change through the manager forgets them again."""
    known = ticket.tags.all()  # a query kept for chaining (`.filter()` asks the database again)
    known._result_cache = sorted(tags, key=lambda tag: tag.name)  # type: ignore[attr-defined]
    known._prefetch_done = True  # type: ignore[attr-defined]
    ticket.__dict__.setdefault("_prefetched_objects_cache", {})["tags"] = known


def tag_names(ticket: Ticket) -> list[str]:
    """The ticket's tag names, sorted; from memory when they were remembered or prefetched."""
    return sorted(tag.name for tag in ticket.tags.all())
