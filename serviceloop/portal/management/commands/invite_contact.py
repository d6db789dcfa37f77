from django.core.management.base import BaseCommand, CommandError

from serviceloop.core.errors import ServiceError
from serviceloop.customers.models import Contact
from serviceloop.portal.services import OPERATOR, invite_contact


class Command(BaseCommand):
    help = "E-mail a customer contact (by id or e-mail address) an invitation to the portal."

    def add_arguments(self, parser):
        parser.add_argument("contact", metavar="CONTACT_ID_OR_EMAIL")

    def _contact(self, ref: str) -> Contact:
        contacts = Contact.objects.select_related("organisation")
        by_id = ref.isascii() and ref.isdigit()
        matches = list(contacts.filter(pk=int(ref)) if by_id else contacts.filter(email__iexact=ref))
        if not matches:
            raise CommandError(f"No contact {ref!r}.")
        if len(matches) > 1:
            listed = ", ".join(f"{c.pk} ({c.name}, {c.organisation})" for c in matches)
            raise CommandError(f"Several contacts use {ref}; give the id instead: {listed}.")
        return matches[0]

    def handle(self, *args, **options):
        contact = self._contact(options["contact"].strip())
        try:
            invitation = invite_contact(OPERATOR, contact)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Invitation sent to {invitation.email} ({contact.name}, {contact.organisation}); "
            f"valid until {invitation.expires_at:%Y-%m-%d %H:%M} UTC."
        )
