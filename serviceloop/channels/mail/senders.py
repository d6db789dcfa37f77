"""Who wrote a mail: a member of staff, a partner, or a customer contact (found or created)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from serviceloop.accounts.models import User
from serviceloop.core import policy
from serviceloop.core.roles import Role
from serviceloop.customers.models import Contact, Organisation

from . import sql


@dataclass
class MailSender:
    """A customer contact acting by mail, with a customer's rights over their own organisation.

    Most people who write in have no login; they act as their contact, never as a stored user.
    """

    contact: Contact
    pk: None = None
    role: str = Role.CUSTOMER
    supplier_id: None = None
    is_active: bool = True
    is_authenticated: bool = True

    @property
    def organisation_id(self) -> int:
        return self.contact.organisation_id

    @property
    def organisation(self) -> Organisation:
        return self.contact.organisation


@dataclass
class Sender:
    actor: Any  # a User (staff, partner, customer with a login) or a MailSender
    contact: Contact | None  # the customer contact, None for staff and partners
    name: str

    @property
    def is_customer(self) -> bool:
        return self.contact is not None


def _forms(address: str) -> list[str]:
    # Addresses are stored as typed; the lower-case form is what most clients send.
    return list(dict.fromkeys([address, address.lower()]))


def find_user(address: str) -> User | None:
    forms = _forms(address)
    user = sql.first(User, f"email IN ({sql.marks(len(forms))}) AND is_active = %s", [*forms, True], "id")
    if user is not None and (policy.is_staff(user) or policy.is_partner(user)):
        return user
    return None


def organisation_for_domain(domain: str) -> Organisation:
    """The organisation that claims the sender's domain, or the one that collects unknown senders."""
    domain = domain.lower()
    if domain:
        # Any organisation that names the domain at all; the claimed list is then read exactly.
        where, pattern = "LOWER(mail_domains) LIKE %s ESCAPE '\\'", sql.containing(domain)
        candidates = sql.rows(Organisation, where, [pattern], order_by="name")
        for organisation in candidates:
            claimed = {d.strip().lstrip("@").lower() for d in organisation.mail_domains.split(",")}
            if domain in claimed:
                return organisation
    name = settings.MAIL_UNKNOWN_SENDERS_ORGANISATION
    collecting = sql.first(Organisation, "name = %s", [name], "id")
    if collecting is None:
        collecting, _created = Organisation.objects.get_or_create(
            name=name, defaults={"country": "ZZ", "notes": "Contacts who wrote in from unknown addresses."}
        )
    return collecting


def find_contact(address: str) -> Contact | None:
    """The first contact with this address, its organisation and login read with it."""
    forms = _forms(address)
    contact = sql.first(Contact, f"email IN ({sql.marks(len(forms))})", forms, order_by="id")
    if contact is not None:
        contact.organisation = sql.row(Organisation, contact.organisation_id)
        if contact.user_id is not None:
            login = sql.row(User, contact.user_id)
            if login.organisation_id == contact.organisation_id:
                login.organisation = contact.organisation  # the same row: opening a ticket reads it
            contact.user = login
    return contact


def identify(address: str, name: str, language: str = "") -> Sender:
    """Find the writer; an unknown address becomes a new contact (call inside the intake transaction).

    Customers write most mail, so their contact is looked up first; an address that is a contact's
    is a customer's, even should a member of staff share it.
    """
    contact = find_contact(address)
    if contact is None:
        user = find_user(address)
        if user is not None:
            return Sender(actor=user, contact=None, name=user.get_full_name() or user.username)
        organisation = organisation_for_domain(address.rpartition("@")[2])
        contact = Contact.objects.create(
            organisation=organisation,
            name=(name or address.partition("@")[0])[:200],
            email=address,
            language=_language(language),
        )
        contact.organisation = organisation
    login = contact.user
    actor: Any = login if login is not None and login.is_active and policy.is_customer(login) else None
    return Sender(actor=actor or MailSender(contact), contact=contact, name=contact.name)


def _language(value: str) -> str:
    code = value.split(",")[0].strip().lower()
    if code.startswith("zh"):
        return "zh-hans"
    known = {lang for lang, _label in settings.LANGUAGES}
    return code[:2] if code[:2] in known else ""
