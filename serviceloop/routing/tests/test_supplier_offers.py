"""Offering a ticket to the supplier that handles the machine, and our expert taking it up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from serviceloop.accounts.models import Absence, Team
from serviceloop.conftest import make_user
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.core.roles import Role
from serviceloop.customers.models import ProductLine
from serviceloop.notifications.models import Notification
from serviceloop.routing.models import ExpertContact, SupplierOffer, Tier, TierTeam
from serviceloop.routing.offers import (
    answer_offer,
    decline_offer,
    expire_due_offers,
    offer_to_supplier,
    open_offer,
    own_expert_for,
)
from serviceloop.routing.tiers import current_tier
from serviceloop.tickets.models import Status, TicketEvent
from serviceloop.tickets.services import add_message, transition


def _offer(ticket) -> SupplierOffer:
    offer = open_offer(ticket)
    assert offer is not None
    return offer


def _own_expert(world, **fields):
    user = make_user(Role.ENGINEER)
    contact = ExpertContact.objects.create(company=world.own, name=fields.pop("name", "Li Wei"), user=user,
                                           **fields)  # fmt: skip
    return user, contact


def test_a_ticket_in_warranty_is_offered_to_its_supplier_with_a_deadline(handled):
    before = timezone.now()
    ticket = handled.ticket()
    offer = open_offer(ticket)
    assert offer is not None and offer.supplier == handled.partner_a
    assert offer.reason == SupplierOffer.Reason.WARRANTY
    # No SLA policy in this world: the default 30 minutes, around the clock.
    assert timedelta(minutes=29) < offer.due_at - before <= timedelta(minutes=30, seconds=5)
    told = Notification.objects.get(kind="routing.offered")
    assert told.recipient == handled.partner_a_tech and told.urgent
    assert TicketEvent.objects.filter(ticket=ticket, name="routing.offered").exists()


@pytest.mark.parametrize(
    "setup",
    [
        "out_of_warranty",  # the supplier handles only machines in warranty
        "not_handled",  # the supplier does not handle service at all
        "nobody_registered",  # nobody in the register to answer
    ],
)
def test_no_offer_when_the_supplier_does_not_handle_it(handled, setup):
    if setup == "out_of_warranty":
        handled.machine_a.warranty_end = date.today() - timedelta(days=1)
        handled.machine_a.save()
    elif setup == "not_handled":
        handled.partner_a.handles_in_warranty = False
        handled.partner_a.save()
    else:
        ExpertContact.objects.all().delete()
    ticket = handled.ticket()
    assert open_offer(ticket) is None


def test_a_service_contract_offers_it_whatever_the_warranty(handled):
    handled.partner_a.handles_in_warranty = False
    handled.partner_a.service_contract_until = date.today() + timedelta(days=10)
    handled.partner_a.save()
    handled.machine_a.warranty_end = None
    handled.machine_a.save()
    offer = open_offer(handled.ticket())
    assert offer is not None and offer.reason == SupplierOffer.Reason.CONTRACT


def test_an_unavailable_contact_or_one_for_other_lines_is_not_asked(handled):
    ExpertContact.objects.filter(user=handled.partner_a_tech).update(
        availability=ExpertContact.Availability.UNAVAILABLE
    )
    ticket = handled.ticket()
    assert open_offer(ticket) is not None  # the phone line is still there to be called
    assert not Notification.objects.filter(kind="routing.offered").exists()


def test_a_reply_by_the_suppliers_technician_answers_the_offer(handled):
    ticket = handled.ticket()
    add_message(handled.agent, ticket, "We are looking into it.")
    assert open_offer(ticket) is not None  # our own agent's reply is not the supplier's answer
    add_message(handled.partner_a_tech, ticket, "Check the hydraulic pressure first.", internal=True)
    offer = SupplierOffer.objects.get(ticket=ticket)
    assert offer.state == SupplierOffer.State.ANSWERED and offer.answered_by == handled.partner_a_tech
    assert expire_due_offers(timezone.now() + timedelta(hours=2)) == 0


def test_the_supplier_accepts_explicitly_and_no_one_else_may(handled):
    ticket = handled.ticket()
    with pytest.raises(Forbidden):
        answer_offer(handled.partner_b_tech, ticket)
    with pytest.raises(Forbidden):
        answer_offer(handled.customer, ticket)
    offer = answer_offer(handled.partner_a_tech, ticket, note="On it")
    assert offer.state == SupplierOffer.State.ANSWERED and offer.note == "On it"
    with pytest.raises(Conflict, match="not waiting"):
        answer_offer(handled.partner_a_tech, ticket)


def test_no_answer_in_time_escalates_to_our_own_expert(handled):
    expert, _ = _own_expert(handled)
    ticket = handled.ticket()
    transition(handled.agent, ticket, "take")
    offer = _offer(ticket)
    assert expire_due_offers(offer.due_at - timedelta(seconds=1)) == 0
    assert expire_due_offers(offer.due_at) == 1
    ticket.refresh_from_db()
    offer.refresh_from_db()
    assert offer.state == SupplierOffer.State.EXPIRED
    assert current_tier(ticket) == Tier.EXPERT and ticket.status == Status.ESCALATED
    assert ticket.assignee == expert
    escalated = TicketEvent.objects.get(ticket=ticket, name="routing.escalated")
    assert escalated.actor is None and escalated.data["rule"] == "supplier offer"
    assert "did not answer" in escalated.data["reason"] and "Hydra" in escalated.data["tried"]
    assert Notification.objects.filter(recipient=expert, kind="routing.escalated").exists()
    assert expire_due_offers(offer.due_at + timedelta(hours=1)) == 0  # once only


def test_without_a_registered_expert_the_expert_tier_team_takes_it(handled):
    experts = Team.objects.create(name="Experts")
    experts.members.add(handled.engineer)
    TierTeam.objects.create(tier=Tier.EXPERT, team=experts)
    ticket = handled.ticket()
    expire_due_offers(_offer(ticket).due_at)
    ticket.refresh_from_db()
    assert ticket.team == experts and current_tier(ticket) == Tier.EXPERT


def test_declining_hands_it_to_our_expert_at_once_with_the_reason(handled):
    expert, _ = _own_expert(handled)
    ticket = handled.ticket()
    with pytest.raises(InvalidInput):
        decline_offer(handled.partner_a_tech, ticket, "")
    decline_offer(handled.partner_a_tech, ticket, "Not our hydraulic unit")
    ticket.refresh_from_db()
    assert ticket.assignee == expert and current_tier(ticket) == Tier.EXPERT
    escalated = TicketEvent.objects.get(ticket=ticket, name="routing.escalated")
    assert "Not our hydraulic unit" in escalated.data["reason"]


def test_resolving_the_ticket_withdraws_the_offer(handled):
    ticket = handled.ticket()
    transition(handled.agent, ticket, "take")
    transition(handled.agent, ticket, "resolve")
    assert SupplierOffer.objects.get(ticket=ticket).state == SupplierOffer.State.WITHDRAWN
    assert expire_due_offers(timezone.now() + timedelta(hours=2)) == 0


def test_the_desk_offers_by_hand_once_and_only_to_a_real_supplier(handled):
    handled.partner_a.handles_in_warranty = False
    handled.partner_a.save()
    ticket = handled.ticket()
    with pytest.raises(Forbidden):
        offer_to_supplier(handled.customer, ticket)
    offer = offer_to_supplier(handled.agent, ticket)
    assert offer is not None and offer.reason == SupplierOffer.Reason.MANUAL
    assert offer.offered_by == handled.agent
    with pytest.raises(Conflict, match="already offered"):
        offer_to_supplier(handled.agent, ticket)
    own_ticket = handled.ticket(machine_id=None, product_model_id=None)
    with pytest.raises(Conflict, match="no partner or supplier"):
        offer_to_supplier(handled.agent, own_ticket)


def test_a_supplier_without_contacts_cannot_be_offered_by_hand(handled):
    ExpertContact.objects.all().delete()
    ticket = handled.ticket()
    with pytest.raises(Conflict, match="no available technical contact"):
        offer_to_supplier(handled.agent, ticket)


def test_our_expert_is_chosen_by_line_language_and_presence(handled):
    ticket = handled.ticket()
    _, other_line = _own_expert(handled, name="A other line")
    other_line.product_lines.set([ProductLine.objects.create(name="Presses")])
    away_user, _ = _own_expert(handled, name="B away")
    now = timezone.now()
    Absence.objects.create(user=away_user, kind=Absence.Kind.HOLIDAY, starts_at=now - timedelta(days=1),
                           ends_at=now + timedelta(days=1))  # fmt: skip
    chinese_user, _ = _own_expert(handled, name="C Chinese", languages="zh-hans")
    english_user, _ = _own_expert(handled, name="D English", languages="en, de")
    # The customer writes English: the English speaker before the Chinese one; the away one never.
    assert own_expert_for(ticket, now) == english_user.pk
    ExpertContact.objects.filter(user=english_user).update(availability=ExpertContact.Availability.LIMITED)
    assert own_expert_for(ticket, now) == chinese_user.pk


def test_a_register_login_must_belong_to_the_company(handled):
    wrong = ExpertContact(company=handled.partner_a, name="Wrong", user=handled.partner_b_tech)
    with pytest.raises(ValidationError, match="another company"):
        wrong.full_clean()
    staff_for_partner = ExpertContact(company=handled.own, name="Partner as own", user=handled.partner_a_tech)
    with pytest.raises(ValidationError, match="staff account"):
        staff_for_partner.full_clean()
    bad_language = ExpertContact(company=handled.own, name="X", languages="english!")
    with pytest.raises(ValidationError, match="not a language code"):
        bad_language.full_clean()
