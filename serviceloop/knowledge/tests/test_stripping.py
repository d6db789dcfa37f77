"""Taking customer data out of ticket text: the patterns, tried on many generated inputs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from serviceloop.knowledge.services.stripping import has_token, strip_customer_data

# A ticket as strip_customer_data reads it, without a database: no organisation rows to look into.
TICKET = SimpleNamespace(
    number="SL-2026-000042", organisation=SimpleNamespace(name="Acme Präzision GmbH"), organisation_id=None,
    contact=SimpleNamespace(name="Li Wei-Ming", email="", phone="", mobile=""), contact_id=1,
    machine=SimpleNamespace(serial_number="AX-77"), machine_id=1,
)  # fmt: skip

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
_local = st.from_regex(r"[a-z][a-z0-9._+-]{0,15}[a-z0-9]", fullmatch=True)
_domain = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9](\.[a-z]{2,6}){1,2}", fullmatch=True)
_prose = st.lists(_word, min_size=0, max_size=6).map(" ".join)


@given(before=_prose, local=_local, domain=_domain, after=_prose)
def test_any_email_address_is_removed(before, local, domain, after):
    address = f"{local}@{domain}"
    stripped = strip_customer_data(f"{before} <{address}> {after}", TICKET)
    assert address not in stripped and "[e-mail]" in stripped


@given(
    country=st.integers(1, 999),
    groups=st.lists(st.integers(10, 9999), min_size=2, max_size=4),
    separator=st.sampled_from([" ", "-", ".", "/"]),
)
def test_international_phone_numbers_are_removed(country, groups, separator):
    number = f"+{country} " + separator.join(str(g) for g in groups)
    assume(7 <= sum(c.isdigit() for c in number) <= 15)
    stripped = strip_customer_data(f"Call me on {number} tomorrow.", TICKET)
    assert stripped == "Call me on [phone] tomorrow."


@given(digits=st.from_regex(r"1[3-9]\d{9}", fullmatch=True))
def test_chinese_mobile_numbers_are_removed(digits):
    assert strip_customer_data(f"手机 {digits} 随时联系", TICKET) == "手机 [phone] 随时联系"


@given(
    year=st.integers(1990, 2099), month=st.integers(1, 12), day=st.integers(1, 28),
    rpm=st.integers(0, 99999), decimal=st.decimals(0, 10000, places=2, allow_nan=False),
)  # fmt: skip
def test_dates_speeds_and_measurements_are_kept(year, month, day, rpm, decimal):
    text = f"On {year}-{month:02d}-{day:02d} it ran at {rpm} rpm with {decimal} mm play, part 4711-0815."
    assert strip_customer_data(text, TICKET) == text


@given(prefix=st.from_regex(r"[A-Z]{1,6}", fullmatch=True), year=st.integers(2000, 2099),
       number=st.integers(0, 10**7))  # fmt: skip
def test_ticket_numbers_of_any_prefix_are_removed(prefix, year, number):
    ticket_number = f"{prefix}-{year}-{number:06d}"
    assert strip_customer_data(f"see {ticket_number}.", TICKET) == "see [ticket]."


@given(words=_prose)
def test_plain_prose_is_left_alone(words):
    assume(not {"acme", "li", "wei", "ming", "gmbh", "präzision"} & set(words.split()))
    assert strip_customer_data(words, TICKET) == words


@given(secret=st.from_regex(r"[A-Za-z]{8}[0-9]{8}[A-Za-z0-9]{4,20}", fullmatch=True))
def test_links_that_carry_a_secret_are_removed(secret):
    for url in (f"https://portal.example.com/portal/verify/{secret}/", f"http://x.test/a?token={secret}"):
        assert has_token(url)
        stripped = strip_customer_data(f"Open {url} please", TICKET)
        assert secret not in stripped and "[link removed]" in stripped


@pytest.mark.parametrize(
    "url", ["https://example.com/manuals/spindle-belt", "https://example.com/search?q=belt&page=2"]
)
def test_links_without_secrets_are_kept(url):
    assert not has_token(url)
    assert strip_customer_data(f"See {url}", TICKET) == f"See {url}"


def test_names_serials_and_the_ticket_number_are_replaced():
    text = "Dear Li Wei-Ming, Acme Präzision GmbH machine AX-77 (ticket SL-2026-000042); thanks, Wei-Ming."
    assert strip_customer_data(text, TICKET) == (
        "Dear [name], [customer] machine [serial number] (ticket [ticket]); thanks, [name]."
    )


def test_names_are_whole_words_only():
    # The contact is called Wei-Ming and Acme, which "Weimar" and "Acmeon" are not.
    assert strip_customer_data("Oil from Weimar by Acmeon", TICKET) == "Oil from Weimar by Acmeon"


def test_empty_text_stays_empty():
    assert strip_customer_data("", TICKET) == ""


def test_the_organisations_other_contacts_and_machines_are_stripped(world):
    ticket = world.ticket()
    world.org.contacts.create(name="Jens Becker", email="jens@mueller.test", phone="+49 89 55555")
    text = "Jens Becker said CL300-0002 (not our CL200-0001) has the same noise; anna@mueller.test"
    stripped = strip_customer_data(text, ticket)
    assert (
        stripped
        == "[name] said [serial number] (not our [serial number]) has the same noise; [contact details]"
    )
    assert strip_customer_data("other customer CL200-0099", ticket) == "other customer CL200-0099"


@pytest.mark.parametrize("number", ["030 1234567", "(021) 6234-5678", "555-123-4567", "0049 30 123456"])
def test_local_phone_numbers_with_their_area_code_are_removed(number):
    assert strip_customer_data(f"Tel. {number}, ask for the workshop", TICKET) == (
        "Tel. [phone], ask for the workshop"
    )


def test_chinese_names_are_found_inside_chinese_text():
    ticket = SimpleNamespace(
        number="SL-2026-000043", organisation=SimpleNamespace(name="上海精工机械有限公司"),
        organisation_id=None, contact=SimpleNamespace(name="王芳", email="", phone="", mobile=""),
        contact_id=1, machine=None, machine_id=None,
    )  # fmt: skip
    text = "上海精工机械有限公司的王芳说主轴异响"
    assert strip_customer_data(text, ticket) == "[customer]的[name]说主轴异响"
