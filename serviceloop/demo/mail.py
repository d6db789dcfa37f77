"""Demo mail: a support address per team, and a few mails through the real intake.

They show what the e-mail channel does with each kind: a new question becomes a ticket, a Chinese
mail in GB18030 is read, an out-of-office reply is kept but not answered, and a forward from staff
that names no ticket waits in the failed-mail list for a person.
"""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from django.utils import timezone

from serviceloop.accounts.models import Team
from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.models import Mailbox

from .people import L1_DESK


def _mail(sender: str, subject: str, body: str, charset: str = "utf-8", **headers: str) -> bytes:
    mail = EmailMessage(policy=SMTP)
    mail["From"], mail["To"], mail["Subject"] = sender, "l1@serviceloop.example", subject
    mail["Date"] = format_datetime(timezone.now())
    mail["Message-ID"] = f"<demo.{hashlib.sha1(subject.encode()).hexdigest()[:16]}@mail.example>"
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body, charset=charset)
    return mail.as_bytes()


DEMO_MAILS = [
    _mail("Mike Johnson <mike.johnson@prairiefab.example>", "Laser LC-3015 stops with alarm E-217",
          "Hi,\n\nour LC-3015 stops every few hours with alarm E-217 (assist gas pressure).\n"
          "The gas supply is fine. Can someone call us?\n\nThanks,\nMike\n\n-- \nPrairie Fabrication Inc."),
    _mail("张伟 <zhang.wei@shjinggong.example>", "CL-500 主轴温度过高",
          "您好，\n\n我们的CL-500主轴运行两小时后温度超过70度，请尽快安排工程师。\n\n张伟",
          charset="gb18030"),
    _mail("Anna Müller <anna.mueller@mueller-praezision.example>", "Automatische Antwort: Abwesenheit",
          "Ich bin bis 30.11. nicht im Büro.", Auto_Submitted="auto-replied"),
    _mail("Tom Fischer <engineer@serviceloop.example>", "FW: customer asks for a quote",
          "Forwarding a customer question; which ticket is this?"),
]  # fmt: skip


def create_mailboxes() -> None:
    for team in Team.objects.exclude(email=""):
        Mailbox.objects.get_or_create(address=team.email, defaults={"name": team.name, "team": team})


def receive_demo_mail() -> None:
    create_mailboxes()
    mailbox = Mailbox.objects.filter(team__name=L1_DESK).first()
    for raw in DEMO_MAILS:
        ingest(raw, "pipe", mailbox)
