"""Mailboxes that sign in with OAuth 2.0 (XOAUTH2), against the real dovecot and a loopback provider."""

from __future__ import annotations

import pytest

from serviceloop.channels.mail import oauth
from serviceloop.channels.mail.imap import poll_mailbox
from serviceloop.channels.models import InboundMail, Mailbox

from .mailfactory import build_mail

pytestmark = pytest.mark.django_db

SCOPE = "https://outlook.office.com/IMAP.AccessAsUser.All"


@pytest.fixture
def oauth_mailbox(imap_account, oauth_provider):
    def make(**fields) -> Mailbox:
        values = {
            "imap_auth": Mailbox.Auth.OAUTH2, "imap_password": "",
            "oauth_token_url": oauth_provider.token_url,
            "oauth_client_id": "serviceloop-app", "oauth_client_secret": "app-secret",
            "oauth_refresh_token": "granted-once", "oauth_scope": SCOPE,
        }  # fmt: skip
        values.update(fields)
        mailbox = imap_account.mailbox(**values)
        oauth.forget(mailbox)
        return mailbox

    return make


def test_a_mailbox_signs_in_with_a_refreshed_token_and_keeps_it(imap_account, oauth_provider, oauth_mailbox):
    oauth_provider.users["granted-once"] = imap_account.user
    imap_account.append(build_mail(subject="Fetched with OAuth"))
    mailbox = oauth_mailbox()

    result = poll_mailbox(mailbox)

    assert (result.stored, result.error) == (1, ""), result
    assert InboundMail.objects.get().subject == "Fetched with OAuth"
    [grant] = oauth_provider.grants
    assert grant == {
        "grant_type": "refresh_token", "refresh_token": "granted-once", "client_id": "serviceloop-app",
        "client_secret": "app-secret", "scope": SCOPE,
    }  # fmt: skip
    assert poll_mailbox(mailbox).error == ""
    assert len(oauth_provider.grants) == 1  # the token is kept until shortly before it expires


def test_without_a_refresh_token_the_app_signs_in_by_itself(imap_account, oauth_provider, oauth_mailbox):
    oauth_provider.users["serviceloop-app"] = imap_account.user
    mailbox = oauth_mailbox(oauth_refresh_token="")
    assert poll_mailbox(mailbox).error == ""
    assert oauth_provider.grants[0]["grant_type"] == "client_credentials"


def test_a_refresh_token_the_provider_replaces_is_stored(imap_account, oauth_provider, oauth_mailbox):
    oauth_provider.users["granted-once"] = imap_account.user
    oauth_provider.rotate = True
    mailbox = oauth_mailbox()
    poll_mailbox(mailbox)
    mailbox.refresh_from_db()
    assert mailbox.oauth_refresh_token.startswith("granted-once-")
    oauth.forget(mailbox)
    assert poll_mailbox(mailbox).error == ""  # the new one works


def test_a_refused_grant_is_recorded_in_the_providers_words_and_nothing_is_fetched(
    imap_account, oauth_provider, oauth_mailbox
):
    oauth_provider.refusal = (400, {"error": "invalid_grant", "error_description": "AADSTS70000: expired"})
    imap_account.append(build_mail())
    mailbox = oauth_mailbox()
    result = poll_mailbox(mailbox)
    assert result.fetched == 0 and "HTTP 400: invalid_grant: AADSTS70000: expired" in result.error
    mailbox.refresh_from_db()
    assert "invalid_grant" in mailbox.last_error
    assert imap_account.count("INBOX") == 1


def test_a_token_the_server_refuses_is_asked_for_again(imap_account, oauth_provider, oauth_mailbox):
    oauth_provider.users["granted-once"] = imap_account.user
    mailbox = oauth_mailbox()
    assert poll_mailbox(mailbox).error == ""
    oauth_provider.tokens.clear()  # revoked at the provider
    assert "AUTHENTICATIONFAILED" in poll_mailbox(mailbox).error
    assert poll_mailbox(mailbox).error == ""
    assert len(oauth_provider.grants) == 2


def test_an_unreachable_token_endpoint_is_recorded(imap_account, oauth_mailbox):
    mailbox = oauth_mailbox(oauth_token_url="http://127.0.0.1:9/token")
    assert "OAuth token endpoint http://127.0.0.1:9/token" in poll_mailbox(mailbox).error
