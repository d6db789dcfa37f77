"""Recognising automatic mail, and leaving mail that people wrote alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from serviceloop.channels.mail.noise import (
    AUTO_REPLY,
    BOUNCE,
    MAILING_LIST,
    NO_SENDER,
    OWN_MAIL,
    Noise,
    classify,
)
from serviceloop.channels.mail.parsing import ParsedMail, parse

CORPUS = Path(__file__).parent / "corpus"
OWN_DOMAIN = "serviceloop.localhost"

# The corpus files written for these checks, and what each is.
NOISE_CASES: dict[str, str | None] = {
    "auto_reply_outlook.eml": AUTO_REPLY,
    "auto_reply_chinese_null_sender.eml": AUTO_REPLY,
    "human_out_of_office_subject.eml": None,
    "mailing_list.eml": MAILING_LIST,
    "own_mail_header.eml": OWN_MAIL,
    "precedence_junk.eml": AUTO_REPLY,
    "x_autoreply.eml": AUTO_REPLY,
    "auto_submitted_no.eml": None,
    "read_receipt.eml": AUTO_REPLY,
    "calendar_with_auto_submitted.eml": None,
}
# Files of the parsing corpus that are noise; all the others were written by people.
PARSING_NOISE = {"bounce_dsn.eml": BOUNCE, "missing_headers.eml": NO_SENDER}


def kind_of(name: str) -> str | None:
    noise = classify(parse((CORPUS / name).read_bytes()), OWN_DOMAIN)
    return noise.kind if noise else None


@pytest.mark.parametrize("name", sorted(NOISE_CASES))
def test_noise_corpus(name: str) -> None:
    assert kind_of(name) == NOISE_CASES[name]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.eml") if p.name not in NOISE_CASES))
def test_people_s_mail_in_the_parsing_corpus_is_not_noise(name: str) -> None:
    assert kind_of(name) == PARSING_NOISE.get(name)


def mail(**fields) -> ParsedMail:
    base = {
        "message_id": "m1@customer.example.com",
        "subject": "Pump broken",
        "from_address": "a@customer.example.com",
        "from_name": "A",
    }
    return ParsedMail(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({}, None),
        ({"headers": {"auto-submitted": "auto-generated"}}, AUTO_REPLY),
        ({"headers": {"auto-submitted": "auto-replied; owner-email=x@y"}}, AUTO_REPLY),
        ({"headers": {"auto-submitted": "No"}}, None),
        ({"headers": {"precedence": "bulk"}}, MAILING_LIST),
        ({"headers": {"precedence": "list"}}, MAILING_LIST),
        ({"headers": {"precedence": "auto_reply"}}, AUTO_REPLY),
        ({"headers": {"x-autorespond": "anything"}}, AUTO_REPLY),
        ({"headers": {"x-autoreply": "no"}}, None),
        ({"headers": {"x-auto-response-suppress": "DR, OOF, AutoReply"}}, AUTO_REPLY),
        ({"headers": {"x-auto-response-suppress": "RN, NRN"}}, None),
        ({"headers": {"list-unsubscribe": "<mailto:u@x>"}}, MAILING_LIST),
        ({"headers": {"list-id": "<x.lists.example.com>"}}, MAILING_LIST),
        ({"headers": {"x-failed-recipients": "b@x"}}, BOUNCE),
        ({"return_path": "<>"}, BOUNCE),
        ({"from_address": "postmaster@customer.example.com"}, BOUNCE),
        ({"from_address": "MAILER-DAEMON@x".lower()}, BOUNCE),
        ({"is_bounce": True}, BOUNCE),
        ({"from_address": ""}, NO_SENDER),
        ({"message_id": "abc@Serviceloop.Localhost"}, OWN_MAIL),
        ({"message_id": "abc@mail.serviceloop.localhost"}, None),
        ({"headers": {"x-serviceloop-ticket": "SL-2026-000001"}}, OWN_MAIL),
        # A subject alone is not enough; with an auto-reply header it is.
        ({"subject": "Automatic reply: Pump broken"}, None),
        ({"subject": "自动回复：Pump broken"}, None),
        (
            {"subject": "Out of Office: Pump broken", "headers": {"x-auto-response-suppress": "DR"}},
            AUTO_REPLY,
        ),
        ({"subject": "Abwesenheitsnotiz", "headers": {"x-ms-exchange-inbox-rules-loop": "a@x"}}, AUTO_REPLY),
        # Invitations are for people, even when sent automatically or through a list.
        ({"is_calendar": True, "headers": {"auto-submitted": "auto-generated"}}, None),
        ({"is_calendar": True, "headers": {"list-id": "<team.example.com>"}}, None),
        ({"is_calendar": True, "headers": {"x-serviceloop-ticket": "SL-1"}}, OWN_MAIL),
    ],
)
def test_classify(fields: dict, kind: str | None) -> None:
    noise = classify(mail(**fields), OWN_DOMAIN)
    assert (noise.kind if noise else None) == kind
    if noise:
        assert noise.reason


def test_own_mail_wins_over_the_rest() -> None:
    noise = classify(
        mail(headers={"x-serviceloop-ticket": "SL-1", "list-id": "x"}, from_address=""), OWN_DOMAIN
    )
    assert noise == Noise(
        OWN_MAIL, "it carries our X-Serviceloop-Ticket header: one of our own mails came back"
    )


def test_no_own_domain_checks_only_the_header() -> None:
    assert classify(mail(message_id="a@"), "") is None
