"""The product in Simplified Chinese: the console, the portal, mails and service errors, and a catalogue
that stays complete as strings are added."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from serviceloop.core.errors import InvalidInput
from serviceloop.customers.models import Contact

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def signed_in(user, language: str = "zh-hans") -> Client:
    user.language = language
    user.save()
    client = Client()
    client.force_login(user)
    return client


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match, "no <html lang>"
    return match.group(1)


def test_catalogue_is_complete_and_not_fuzzy():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 400
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()][:10]
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


# A gettext call inside an f-string runs, but makemessages cannot see it: the text would stay English.
GETTEXT_IN_FSTRING = re.compile(r"""\bf(['"]).*\{[^}]*\b(_|gettext|pgettext|ngettext)\(""")


def test_no_text_to_translate_hides_inside_an_f_string():
    package = Path(settings.BASE_DIR)
    hidden = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if GETTEXT_IN_FSTRING.search(line)
    ]
    assert hidden == []


def test_translations_keep_every_placeholder():
    for entry in polib.pofile(str(CATALOGUE)):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def test_console_queue_in_chinese(world):
    ticket = world.ticket()
    html = signed_in(world.agent).get(reverse("console:queue")).content.decode()
    assert html_lang(html) == "zh-hans"
    assert ticket.number in html
    for text in ("工单队列", "我的工单", "来电登记", "优先级", "新建", "退出登录"):
        assert text in html, text
    assert "Log out" not in html and "My tickets" not in html


def test_portal_in_chinese(world):
    world.ticket()
    html = signed_in(world.customer).get(reverse("portal:tickets")).content.decode()
    assert html_lang(html) == "zh-hans"
    for text in ("您的服务请求", "提交服务请求", "已受理", "最近更新"):
        assert text in html, text
    assert "Your service requests" not in html


def test_preferences_switch_the_language(world):
    client = signed_in(world.agent, language="en")
    queue = reverse("console:queue")
    assert html_lang(client.get(queue).content.decode()) == "en"
    form = {"first_name": "Li", "last_name": "Wei", "email": "li@example.test", "time_zone": "Asia/Shanghai"}
    response = client.post(reverse("preferences"), {**form, "language": "zh-hans"})
    assert response.status_code == 302
    html = client.get(queue).content.decode()
    assert html_lang(html) == "zh-hans" and "工单队列" in html
    client.post(reverse("preferences"), {**form, "language": "en"})
    html = client.get(queue).content.decode()
    assert html_lang(html) == "en" and "Queue" in html and "工单队列" not in html


def test_chinese_contact_gets_the_acknowledgement_in_chinese(world, django_capture_on_commit_callbacks):
    contact = Contact.objects.create(organisation=world.other_org, name="王工", email="wang@jinggong.test")
    with django_capture_on_commit_callbacks(execute=True):
        ticket = world.ticket(
            organisation_id=world.other_org.pk, contact_id=contact.pk, machine_id=world.other_machine.pk
        )
    [sent] = mail.outbox
    assert sent.to == ["wang@jinggong.test"]
    assert sent.subject == f"[{ticket.number}] 我们已收到您的服务请求: {ticket.subject}"
    assert f"感谢您联系我们。您的服务请求已登记，工单编号为 {ticket.number}。" in sent.body
    assert "Thank you" not in sent.body


def test_english_contact_still_gets_english(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.ticket()
    assert "Thank you for contacting us" in mail.outbox[0].body


def test_service_error_in_the_portal_is_chinese(world):
    ticket = world.ticket(
        organisation_id=world.other_org.pk, contact_id=None, machine_id=world.other_machine.pk
    )
    client = signed_in(world.other_customer)
    response = client.post(reverse("portal:action", args=[ticket.number]), {"action": "confirm_fix"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "工单当前状态为“新建”，无法执行“确认问题已解决”" in html
    assert "Cannot confirm fix" not in html


def test_service_error_in_the_console_is_chinese(world):
    ticket = world.ticket()
    client = signed_in(world.agent)
    response = client.post(reverse("console:transition", args=[ticket.number]),
                           {"action": "close", "version": ticket.version})  # fmt: skip
    html = response.content.decode()
    assert "无法执行“关闭”" in html and "Cannot close" not in html


@pytest.mark.parametrize(
    "language, expected", [("en", "subject must not be empty."), ("zh-hans", "subject 不能为空。")]
)
def test_validation_messages_follow_the_active_language(world, language, expected):
    with translation.override(language), pytest.raises(InvalidInput) as caught:
        world.ticket(subject="  ")
    assert caught.value.message == expected
