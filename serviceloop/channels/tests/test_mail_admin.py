"""Administrators set up support mailboxes and blocked senders in the admin."""

from __future__ import annotations

import pytest

from serviceloop.channels.mail.screening import is_blocked
from serviceloop.channels.models import InboundMail, MailBlock, Mailbox

from .mailfactory import build_mail

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Service Europe", "address": "europe@serviceloop.test", "team": "", "imap_host": "127.0.0.1",
    "imap_port": "993", "imap_security": "ssl", "imap_user": "europe", "imap_password": "s3cret pass",
    "imap_auth": "password",
    "imap_folder": "INBOX", "after_fetch": "move", "processed_folder": "Serviceloop", "is_active": "on",
}  # fmt: skip


def test_a_mailbox_is_added_and_its_password_never_shown_again(admin_client):
    response = admin_client.post("/admin/channels/mailbox/add/", FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    mailbox = Mailbox.objects.get()
    assert (mailbox.imap_user, mailbox.imap_password) == ("europe", "s3cret pass")
    page = admin_client.get(f"/admin/channels/mailbox/{mailbox.pk}/change/").content.decode()
    assert "s3cret pass" not in page


def test_saving_a_mailbox_with_the_password_left_empty_keeps_it(admin_client):
    admin_client.post("/admin/channels/mailbox/add/", FORM)
    mailbox = Mailbox.objects.get()
    changed = {**FORM, "imap_password": "", "imap_folder": "Support"}
    assert admin_client.post(f"/admin/channels/mailbox/{mailbox.pk}/change/", changed).status_code == 302
    mailbox.refresh_from_db()
    assert (mailbox.imap_folder, mailbox.imap_password) == ("Support", "s3cret pass")


def test_the_mailbox_list_shows_the_last_poll_and_its_error(admin_client):
    Mailbox.objects.create(name="Asia", address="asia@serviceloop.test", last_error="IMAP: login refused")
    page = admin_client.get("/admin/channels/mailbox/").content.decode()
    assert "asia@serviceloop.test" in page and "IMAP: login refused" in page


@pytest.mark.parametrize("typed", ["  Spam@Example.COM ", "@Example.com"])
def test_a_blocked_sender_is_kept_as_screening_compares_it(admin_client, typed):
    response = admin_client.post("/admin/channels/mailblock/add/", {"pattern": typed, "reason": "spam"})
    assert response.status_code == 302
    assert is_blocked("spam@example.com") is not None


@pytest.mark.parametrize("typed", ["example.com", "nobody@", "a b@example.com", "@localhost"])
def test_a_pattern_that_is_no_address_or_domain_is_refused_with_what_to_give(admin_client, typed):
    page = admin_client.post("/admin/channels/mailblock/add/", {"pattern": typed}).content.decode()
    assert "Give an address (name@example.com) or a domain (@example.com)." in page
    assert not MailBlock.objects.exists()


def test_fetch_now_polls_the_selected_mailbox(admin_client, imap_account):
    imap_account.append(build_mail(subject="Fetched on request"))
    mailbox = imap_account.mailbox()
    response = admin_client.post(
        "/admin/channels/mailbox/", {"action": "poll_now", "_selected_action": [mailbox.pk]}
    )
    assert response.status_code == 302
    assert InboundMail.objects.get().subject == "Fetched on request"
    assert imap_account.count("INBOX") == 0


OAUTH = {**FORM, "imap_auth": "oauth2", "imap_password": "", "oauth_client_id": "app-id",
         "oauth_client_secret": "app secret", "oauth_refresh_token": "refresh-me", "oauth_scope": "",
         "oauth_token_url": "https://login.microsoftonline.com/tenant/oauth2/v2.0/token"}  # fmt: skip


def test_an_oauth_mailbox_keeps_its_secrets_out_of_the_page(admin_client):
    assert admin_client.post("/admin/channels/mailbox/add/", OAUTH).status_code == 302
    mailbox = Mailbox.objects.get()
    assert (mailbox.oauth_client_secret, mailbox.oauth_refresh_token) == ("app secret", "refresh-me")
    page = admin_client.get(f"/admin/channels/mailbox/{mailbox.pk}/change/").content.decode()
    assert "app secret" not in page and "refresh-me" not in page
    changed = {**OAUTH, "oauth_client_secret": "", "oauth_refresh_token": "", "imap_folder": "Support"}
    assert admin_client.post(f"/admin/channels/mailbox/{mailbox.pk}/change/", changed).status_code == 302
    mailbox.refresh_from_db()
    assert (mailbox.oauth_client_secret, mailbox.oauth_refresh_token) == ("app secret", "refresh-me")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"oauth_token_url": "http://login.example.test/token"}, "The token URL must use https."),
        ({"oauth_token_url": ""}, "OAuth 2.0 needs the provider&#x27;s token URL."),
        ({"oauth_client_id": ""}, "OAuth 2.0 needs the client ID the provider gave."),
    ],
)
def test_an_oauth_mailbox_without_what_it_needs_is_refused(admin_client, changes, message):
    page = admin_client.post("/admin/channels/mailbox/add/", {**OAUTH, **changes}).content.decode()
    assert message in page
    assert not Mailbox.objects.exists()
