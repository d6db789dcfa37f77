from serviceloop.core.search import segment

from ..models import Message, Ticket


def refresh_search_document(ticket: Ticket) -> None:
    """Rebuild what search sees of a ticket: identifiers, subject, customer, machine and public text."""
    bodies = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).values_list("body", flat=True)
    machine = ticket.machine
    document = segment(
        ticket.number,
        ticket.subject,
        ticket.organisation.name,
        ticket.contact.name if ticket.contact else "",
        machine.serial_number if machine else "",
        ticket.product_model.code if ticket.product_model else "",
        *bodies,
    )
    Ticket.objects.filter(pk=ticket.pk).update(search_document=document)
    ticket.search_document = document
