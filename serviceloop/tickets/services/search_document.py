from serviceloop.core.search import segment

from ..models import Message, Ticket


def search_document(ticket: Ticket, bodies: list[str]) -> str:
    """What search sees of a ticket: identifiers, subject, customer, machine and public text."""
    return numbered_document(ticket.number, unnumbered_document(ticket, bodies))


def unnumbered_document(ticket: Ticket, bodies: list[str]) -> str:
    """The search document but for the ticket's number: a new ticket's is made before its number
    is taken, since segmenting the text is the slow part and the number is taken under a lock."""
    return segment(
        ticket.subject,
        ticket.organisation.name,
        ticket.contact.name if ticket.contact else "",
        ticket.machine.serial_number if ticket.machine else "",
        ticket.product_model.code if ticket.product_model else "",
        *bodies,
    )


def numbered_document(number: str, unnumbered: str) -> str:
    """`unnumbered_document` completed with the number's terms, as `search_document` makes it."""
    return " ".join(part for part in (segment(number), unnumbered) if part)


def refresh_search_document(ticket: Ticket) -> None:
    """Rebuild the search document from the ticket's public messages, after a change of its fields."""
    bodies = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).values_list("body", flat=True)
    ticket.search_document = search_document(ticket, list(bodies))
    Ticket.objects.filter(pk=ticket.pk).update(search_document=ticket.search_document)
