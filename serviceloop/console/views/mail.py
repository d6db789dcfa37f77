"""Received mail that needs a person: the list, one mail's source, and processing it again."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from serviceloop.channels.mail import attention
from serviceloop.channels.models import InboundMail
from serviceloop.core.errors import NotFound

from ..access import mail_admin_view

_PAGE = 50


@mail_admin_view
@require_GET
def mail_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "failed")
    if state not in attention.SHOWN_STATES:
        state = "failed"
    mails = list(attention.mails_to_look_at(request.user, state)[: _PAGE + 1])
    context = {
        "mails": mails[:_PAGE], "more": len(mails) > _PAGE, "state": state, "nav": "mail",
        "too_large": attention.too_large_waiting(request.user), "limit": settings.MAIL_MAX_BYTES,
    }  # fmt: skip
    return render(request, "console/mail/list.html", context)


def _mail(request: HttpRequest, pk: int) -> InboundMail:
    try:
        return attention.get_mail(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@mail_admin_view
@require_GET
def mail_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mail = _mail(request, pk)
    source, shortened = attention.source_preview(mail)
    context = {"mail": mail, "source": source, "shortened": shortened, "nav": "mail"}
    return render(request, "console/mail/detail.html", context)


@mail_admin_view
@require_GET
def mail_source(request: HttpRequest, pk: int) -> HttpResponse:
    mail = _mail(request, pk)
    response = HttpResponse(bytes(mail.raw), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="mail-{mail.pk}.eml"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@mail_admin_view
@require_POST
def mail_retry(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        mail = attention.retry_mail(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if mail.state == mail.State.PROCESSED and mail.ticket is not None:
        messages.success(request, _("Processed: %(number)s.") % {"number": mail.ticket.number})
    else:
        messages.warning(
            request,
            _("Still %(state)s: %(reason)s") % {"state": mail.get_state_display(), "reason": mail.reason},
        )
    return redirect("console:mail_detail", pk=mail.pk)
