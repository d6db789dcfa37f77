"""Every mail of the test corpus through the whole intake: none is lost, stuck, or answered wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail as outbox

from serviceloop.channels.mail.inbox import ingest
from serviceloop.channels.models import InboundMail

pytestmark = pytest.mark.django_db

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.eml"))
NEVER_ANSWERED = {
    "auto_reply_chinese_null_sender", "auto_reply_outlook", "bounce_dsn", "mailing_list", "own_mail_header",
    "precedence_junk", "read_receipt", "x_autoreply",
}  # fmt: skip
OPEN_TICKETS = {"plain_utf8_qp", "gb2312_label_gbk_text", "big5", "iso2022jp", "html_only", "smime_signed",
                "pgp_mime_signed", "calendar_outlook", "truncated_base64", "raw_gbk_headers",
                "smime_opaque_signed", "smime_opaque_signed_attachment",
                "smime_opaque_signed_gb18030"}  # fmt: skip


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_each_corpus_mail_ends_in_a_final_state_with_its_bytes_kept(
    world, path, django_capture_on_commit_callbacks
):
    raw = path.read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        mail = ingest(raw, "pipe")
    assert bytes(InboundMail.objects.get(pk=mail.pk).raw) == raw
    assert mail.state != InboundMail.State.RECEIVED
    if path.stem in NEVER_ANSWERED:
        assert mail.state == InboundMail.State.IGNORED and mail.ticket is None
        assert outbox.outbox == []
    if path.stem in OPEN_TICKETS:
        assert mail.state == InboundMail.State.PROCESSED, mail.reason
        assert (
            mail.ticket is not None and mail.ticket_message is not None and mail.ticket_message.body.strip()
        )
        assert [m.to for m in outbox.outbox] == [[mail.from_address]]  # the acknowledgement


def test_the_corpus_is_all_listed_where_it_matters():
    names = {p.stem for p in CORPUS}
    assert names.issuperset(NEVER_ANSWERED | OPEN_TICKETS)
