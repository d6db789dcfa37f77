"""Generated mail for the ingest benchmark: mixed sizes, languages, encodings, replies and attachments."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

_LINES_EN = [
    "The spindle of our lathe makes a grinding noise above 3000 rpm.",
    "After the last software update the controller shows alarm 2041 at start-up.",
    "Hydraulic pressure drops slowly when the machine is idle over night.",
    "Could you send the maintenance schedule for the coolant pump?",
    "The operator reports vibration on the X axis during finishing cuts.",
]
_LINES_ZH = [
    "主轴在3000转以上有异响。",
    "软件升级后控制器启动时报警2041。",
    "夜间待机时液压压力缓慢下降。",
    "请发送冷却泵的保养计划。",
]


def _body(rng: random.Random, chinese: bool, size: int) -> str:
    lines = _LINES_ZH if chinese else _LINES_EN
    out: list[str] = []
    while sum(len(line) for line in out) < size:
        out.append(rng.choice(lines))
    return "\n".join(out) + "\n\n-- \nService contact\n"


def make_mail(rng: random.Random, n: int, senders: list[str], earlier_ids: list[str]) -> bytes:
    """Mail `n`: 20% replies to an earlier one, 25% Chinese (a third in GB18030), 10% attachments."""
    chinese = rng.random() < 0.25
    mail = EmailMessage(policy=SMTP)
    mail["From"] = rng.choice(senders)
    mail["To"] = "support@serviceloop.test"
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = f"<bench.{n}.{rng.getrandbits(48):x}@client.test>"
    subject = "主轴异响" if chinese else "Spindle noise on CL-200"
    if earlier_ids and rng.random() < 0.2:
        parent = rng.choice(earlier_ids)
        mail["In-Reply-To"] = parent
        mail["References"] = parent
        subject = "Re: " + subject
    mail["Subject"] = subject
    size = rng.choice([300, 1_000, 3_000, 8_000, 20_000])
    charset = "gb18030" if chinese and rng.random() < 0.33 else "utf-8"
    body = _body(rng, chinese, size)
    if rng.random() < 0.15:
        mail.set_content(body)
        mail.add_alternative(
            "<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>", subtype="html"
        )
    else:
        mail.set_content(body, charset=charset)
    if rng.random() < 0.10:
        payload = rng.randbytes(rng.choice([20_000, 50_000, 200_000]))
        mail.add_attachment(payload, maintype="application", subtype="pdf", filename=f"report-{n}.pdf")
    return mail.as_bytes()
