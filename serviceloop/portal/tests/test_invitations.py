import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from serviceloop.accounts.models import User
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.core.roles import Role
from serviceloop.customers.models import Contact
from serviceloop.portal.models import Invitation
from serviceloop.portal.services import invite_contact

LINK = re.compile(r"https?://\S+/portal/invitations/(?P<token>[\w-]+)/")


@pytest.fixture
def li(world):
    return Contact.objects.create(
        organisation=world.other_org, name="Li Wei", email="li.wei@jinggong.test",
        language="zh-hans", time_zone="Asia/Shanghai",
    )  # fmt: skip


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return reverse("portal:accept_invitation", args=[match["token"]])


def test_invitation_mail_is_in_the_contacts_language_and_zone(world, li, settings):
    settings.SITE_URL = "https://service.example.test"
    invitation = invite_contact(world.agent, li)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["li.wei@jinggong.test"]
    assert "https://service.example.test/portal/invitations/" in sent.body
    # Django's own Chinese formats: the expiry date is written the Chinese way, in Shanghai time.
    expires = timezone.localtime(invitation.expires_at, timezone.get_fixed_timezone(8 * 60))
    assert f"{expires.year}年{expires.month}月{expires.day}日 {expires:%H:%M}" in sent.body
    assert invitation.created_by == world.agent
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert link_in(sent).rsplit("/", 2)[-2] not in invitation.token_hash  # only the hash is stored


def test_english_contact_gets_english_dates(world):
    contact = Contact.objects.create(organisation=world.org, name="Bob Bauer", email="bob@mueller.test")
    invite_contact(world.agent, contact)
    assert "年" not in mail.outbox[0].body and "Hello Bob Bauer" in mail.outbox[0].body


def test_only_staff_may_invite_and_only_contacts_without_login(world, li):
    with pytest.raises(Forbidden):
        invite_contact(world.customer, li)
    with pytest.raises(Forbidden):
        invite_contact(world.partner_a_tech, li)
    with pytest.raises(Conflict):
        invite_contact(world.agent, world.contact)  # already has a login
    li.email = ""
    li.save()
    with pytest.raises(InvalidInput):
        invite_contact(world.agent, li)
    assert not mail.outbox and not Invitation.objects.exists()


def test_accepting_creates_a_customer_login_and_signs_in(client, world, li):
    invite_contact(world.agent, li)
    url = link_in(mail.outbox[0])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["username"].value() == "li.wei@jinggong.test"
    # The contact's language, not the browser's.
    assert page["Content-Language"] == "zh-hans" and '<html lang="zh-hans">' in page.content.decode()
    weak = client.post(url, {"username": "li.wei@jinggong.test", "password1": "123", "password2": "123"})
    assert weak.status_code == 422 and weak.context["form"].errors["password1"]
    assert "密码" in weak.content.decode()  # Django's own validators speak Chinese too
    assert not User.objects.filter(username="li.wei@jinggong.test").exists()
    good = {"username": "li.wei@jinggong.test", "password1": "Kiln-rotor-47", "password2": "Kiln-rotor-47"}
    response = client.post(url, good)
    assert response.status_code == 302 and response["Location"] == reverse("portal:tickets")
    user = User.objects.get(username="li.wei@jinggong.test")
    assert (user.role, user.organisation, user.email) == (
        Role.CUSTOMER,
        world.other_org,
        "li.wei@jinggong.test",
    )
    assert (user.language, user.time_zone) == ("zh-hans", "Asia/Shanghai")
    assert user.check_password("Kiln-rotor-47")
    li.refresh_from_db()
    assert li.user == user
    assert Invitation.objects.get().accepted_at is not None
    # Signed in: the portal opens on their organisation's (empty) list.
    assert client.get(reverse("portal:tickets")).context["user"] == user
    # The link works once.
    client.logout()
    again = client.post(url, {**good, "username": "li2"})
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert User.objects.filter(organisation=world.other_org, role=Role.CUSTOMER).count() == 2


def test_expired_unknown_and_superseded_links_are_refused(client, world, li):
    invite_contact(world.agent, li)
    first = link_in(mail.outbox[0])
    invite_contact(world.agent, li)  # a new invitation replaces the old one
    second = link_in(mail.outbox[1])
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(
        second, {"username": "li", "password1": "Kiln-rotor-47", "password2": "Kiln-rotor-47"}
    )
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert client.get(reverse("portal:accept_invitation", args=["made-up-token"])).status_code == 404
    assert not User.objects.filter(username="li").exists()


def test_taken_username_is_a_form_error(client, world, li):
    invite_contact(world.agent, li)
    url = link_in(mail.outbox[0])
    data = {
        "username": world.agent.username.upper(),
        "password1": "Kiln-rotor-47",
        "password2": "Kiln-rotor-47",
    }
    response = client.post(url, data)
    assert response.status_code == 422 and response.context["form"].errors["username"]
    li.refresh_from_db()
    assert li.user is None


def test_management_command_invites_by_email_or_id(world, li, capsys):
    call_command("invite_contact", "LI.WEI@jinggong.test")
    assert mail.outbox[0].to == [li.email]
    assert "Invitation sent to li.wei@jinggong.test" in capsys.readouterr().out
    assert Invitation.objects.get().created_by is None
    call_command("invite_contact", str(li.pk))
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError, match="No contact"):
        call_command("invite_contact", "nobody@example.test")
    with pytest.raises(CommandError, match="already has a portal login"):
        call_command("invite_contact", world.contact.email)


def test_admin_action_invites_the_selected_contacts(client, world, li):
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:customers_contact_changelist"),
        {"action": "invite_to_portal", "_selected_action": [li.pk, world.contact.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [[li.email]]
    content = response.content.decode()
    assert "1 invitation sent." in content and "already has a portal login" in content
