from serviceloop.core.search import segment

from ..models import Message, Ticket


def search_document(ticket: Ticket, bodies: list[str]) -> str:
    """What search sees of a ticket: identifiers, subject, customer, machine and public text."""
    return segment(
        ticket.number,
        ticket.subject,
        ticket.organisation.name,
        ticket.contact.name if ticket.contact else "",
        ticket.machine.serial_number if ticket.machine else "",
        ticket.product_model.code if ticket.product_model else "",
        *bodies,
    )


def refresh_search_document(ticket: Ticket) -> None:
    """Rebuild the search document from the ticket's public messages, after a change of its fields."""
    bodies = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).values_list("body", flat=True)
    ticket.search_document = search_document(ticket, list(bodies))
    Ticket.objects.filter(pk=ticket.pk).update(search_document=ticket.search_document)
