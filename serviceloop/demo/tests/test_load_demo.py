import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone

from serviceloop.accounts.models import Team, User
from serviceloop.channels.models import InboundMail, Mailbox
from serviceloop.core.roles import Role
from serviceloop.customers.models import Contact, Machine, Organisation, Supplier
from serviceloop.demo.people import LOGINS
from serviceloop.knowledge.models import Article, ArticleFeedback, Deflection, KnowledgeCategory, SearchMiss
from serviceloop.knowledge.services import language_versions, sweep_due_reviews, visible_articles
from serviceloop.knowledge.services.dashboard import reviews_waiting
from serviceloop.routing.models import ExpertContact, SupplierOffer
from serviceloop.tickets.models import Commitment, FaultType, Message, Status, Ticket, TicketEvent
from serviceloop.tickets.services import NewTicket, create_ticket, search_tickets

CJK = re.compile(r"[\u4e00-\u9fff]")
MAIL_TICKETS = 2  # two of the demo mails open tickets (serviceloop/demo/mail.py)


@pytest.fixture
def loaded(db) -> str:
    out = StringIO()
    call_command("load_demo", "--tickets", "40", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    models = [User, Team, Supplier, Organisation, Contact, Machine, FaultType, Ticket, Message, TicketEvent,
              Commitment, KnowledgeCategory, Article, ArticleFeedback, SearchMiss]  # fmt: skip
    return {m.__name__: m._default_manager.count() for m in models}


def test_every_role_has_a_login_with_the_documented_password(loaded, client):
    assert {u.role for u in User.objects.all()} == set(Role.values)
    for login in LOGINS:
        validate_password(login.password)  # the documented passwords pass the site's own rules
        assert client.login(username=login.username, password=f"{login.username}-demo"), login.username
        client.logout()
    assert "| customer-cn | customer-cn-demo | customer |" in loaded
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_external_logins_are_tied_to_their_company(loaded):
    customer = User.objects.select_related("organisation").get(username="customer")
    assert (
        customer.organisation is not None
        and customer.organisation.country == "DE"
        and customer.contact.organisation == customer.organisation
    )
    customer_cn = User.objects.get(username="customer-cn")
    assert customer_cn.organisation is not None and customer_cn.organisation.country == "CN"
    assert (customer_cn.language, customer_cn.time_zone) == ("zh-hans", "Asia/Shanghai")
    partner = User.objects.get(username="partner")
    assert partner.supplier is not None and partner.supplier.kind == Supplier.Kind.PARTNER
    assert partner.supplier.product_models.exists()


def test_directory_spans_countries_zones_and_supplier_kinds(loaded):
    orgs = Organisation.objects.annotate(machines_n=Count("machines", distinct=True),
                                         contacts_n=Count("contacts", distinct=True))  # fmt: skip
    assert {o.country for o in orgs} >= {"DE", "CN", "US", "BR", "IN", "VN", "TR", "ZA"}
    assert len({o.time_zone for o in orgs}) >= 8 and {o.tier for o in orgs} == {"key", "standard", "basic"}
    assert all(2 <= o.machines_n <= 6 and 1 <= o.contacts_n <= 3 for o in orgs)
    assert set(Supplier.objects.values_list("kind", flat=True)) == set(Supplier.Kind.values)
    assert FaultType.objects.filter(code="noise", name_zh="异响").exists()
    teams = set(Team.objects.values_list("name", flat=True))
    assert teams == {"L1 desk", "Engineering", "Experts", "Field service"}


def test_tickets_cover_the_lifecycle_in_english_and_chinese(loaded):
    tickets = list(Ticket.objects.select_related("organisation"))
    assert len(tickets) == 40 + MAIL_TICKETS
    assert len({t.status for t in tickets}) >= 6
    assert {t.status for t in tickets} & {Status.CLOSED, Status.RESOLVED}
    chinese = [t for t in tickets if t.organisation.language == "zh-hans"]
    english = [t for t in tickets if t.organisation.language != "zh-hans"]
    assert chinese and all(CJK.search(t.subject) for t in chinese)
    assert english and not any(CJK.search(t.subject) for t in english)
    assert Message.objects.filter(kind=Message.Kind.NOTE).exists()
    assert Message.objects.filter(kind=Message.Kind.REPLY).count() > len(tickets)


def test_history_and_numbers_are_those_of_the_services(loaded):
    now = timezone.now()
    by_time = list(Ticket.objects.order_by("received_at").values_list("number", flat=True))
    # numbered in the order received
    assert by_time == sorted(by_time) and len(set(by_time)) == 40 + MAIL_TICKETS
    assert TicketEvent.objects.filter(name="ticket.created").count() == 40 + MAIL_TICKETS
    assert not TicketEvent.objects.filter(at__lt=F("ticket__received_at")).exists()
    assert not TicketEvent.objects.filter(at__gt=now).exists()
    assert Ticket.objects.filter(received_at__lt=now - timedelta(days=20)).exists()
    closed = Ticket.objects.filter(status=Status.CLOSED)
    assert closed.exists()
    assert all(t.closed_at and t.resolved_at and t.received_at <= t.closed_at <= now for t in closed)
    ticket = Ticket.objects.order_by("?")[0]
    found = search_tickets(Ticket.objects.all(), ticket.number)
    assert list(found.values_list("number", flat=True)) == [ticket.number]


def test_second_run_creates_nothing(loaded):
    before = _counts()
    out = StringIO()
    call_command("load_demo", "--tickets", "40", stdout=out)
    assert "Demo data already loaded" in out.getvalue()
    assert _counts() == before


def test_demo_mail_shows_each_outcome_of_the_intake(loaded):
    assert Mailbox.objects.filter(address="l1@serviceloop.example", team__name="L1 desk").exists()
    outcomes = {m.subject: (m.state, m.ticket) for m in InboundMail.objects.select_related("ticket")}
    state, ticket = outcomes["CL-500 主轴温度过高"]
    assert state == "processed" and ticket is not None and ticket.organisation.name == "上海精工机械有限公司"
    assert ticket.channel == "email" and ticket.team is not None and ticket.team.name == "L1 desk"
    assert outcomes["Laser LC-3015 stops with alarm E-217"][0] == "processed"
    assert outcomes["Automatische Antwort: Abwesenheit"][0] == "ignored"
    assert outcomes["FW: customer asks for a quote"][0] == "failed"


def test_new_tickets_about_hydra_lathes_in_warranty_are_offered_to_hydra(loaded):
    assert not SupplierOffer.objects.exists()  # the played history predates Hydra's share
    assert ExpertContact.objects.filter(company__kind="own", user__username="expert").exists()
    hydra = Machine.objects.filter(model__supplier__name="Hydra Präzision GmbH")
    machine = hydra.select_related("organisation")[0]
    machine.warranty_end = timezone.localdate() + timedelta(days=365)
    machine.save()
    new = NewTicket(subject="Chuck does not clamp", body="Since today.", channel="phone",
                    organisation_id=machine.organisation_id, machine_id=machine.pk)  # fmt: skip
    ticket = create_ticket(User.objects.get(username="agent"), new)
    offer = SupplierOffer.objects.get(ticket=ticket)
    assert offer.supplier.name == "Hydra Präzision GmbH" and offer.state == SupplierOffer.State.OPEN


def test_help_centre_shows_public_articles_in_both_languages_and_links_their_versions(loaded):
    visitor = AnonymousUser()
    public = list(visible_articles(visitor))
    assert {a.language for a in public} == {"en", "zh-hans"}
    assert {(a.visibility, a.status) for a in public} <= {
        ("public", "published"),
        ("public", "due_for_review"),
    }
    linked = [a for a in public if language_versions(visitor, a).exists()]
    assert len(linked) >= 6  # at least three pairs, each side pointing to the other
    for article in linked:
        other = language_versions(visitor, article).get()
        assert other.language != article.language and other.translation_group == article.translation_group
    assert all(CJK.search(a.title) for a in public if a.language == "zh-hans")


def test_internal_partner_and_customer_articles_reach_only_their_readers(loaded):
    def titles(username: str | None) -> set[str]:
        user = User.objects.get(username=username) if username else AnonymousUser()
        return set(visible_articles(user).values_list("title", flat=True))

    internal = set(Article.objects.filter(visibility="internal").values_list("title", flat=True))
    hydra_docs = set(Article.objects.filter(visibility="partner", supplier__name__startswith="Hydra")
                     .values_list("title", flat=True))  # fmt: skip
    for_customers = set(Article.objects.filter(visibility="customers").values_list("title", flat=True))
    assert internal and hydra_docs and for_customers
    assert not titles(None) & (internal | hydra_docs | for_customers)
    assert for_customers <= titles("customer") and not titles("customer") & (internal | hydra_docs)
    assert hydra_docs <= titles("partner") and not titles("partner") & internal
    assert not titles("partner2") & hydra_docs  # Plastmaq's technicians do not read Hydra's documents
    assert internal | hydra_docs <= titles("engineer")


def test_owners_find_work_waiting_and_readers_traces(loaded):
    assert set(Article.objects.values_list("status", flat=True)) == {"draft", "in_review", "published"}
    waiting = reviews_waiting(User.objects.get(username="engineer"))
    assert any(item.overdue for item in waiting)
    assert any(item.article.status == "in_review" for item in waiting)
    assert sweep_due_reviews() == 1  # only the one published a review period ago
    assert ArticleFeedback.objects.filter(helpful=True).exists()
    assert ArticleFeedback.objects.filter(helpful=False).exclude(comment="").exists()
    assert Deflection.objects.count() == 1
    assert {m.language for m in SearchMiss.objects.all()} == {"en", "zh-hans"}
