"""“Turn into article” on a resolved ticket: draft a known problem from it and open it for editing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.knowledge.models import KnowledgeCategory
from serviceloop.knowledge.services import draft_from_ticket
from serviceloop.knowledge.services.from_tickets import AlreadyDrafted
from serviceloop.tickets.models import Ticket

from ..access import console_view, load_ticket

CHOOSE_PAGE = "console/knowledge/from_ticket.html"


class ToArticleForm(forms.Form):
    """Only when the ticket's product line has no category of its own does the writer choose one."""

    category = forms.ModelChoiceField(
        queryset=KnowledgeCategory.objects.order_by("name"), required=False,
        label=gettext_lazy("Category"),
    )  # fmt: skip


def _choose(request: HttpRequest, ticket: Ticket, form: ToArticleForm, status: int) -> HttpResponse:
    return render(request, CHOOSE_PAGE, {"ticket": ticket, "form": form, "nav": "knowledge"}, status=status)


@console_view
@require_POST
def turn_into_article(request: HttpRequest, number: str) -> HttpResponse:
    ticket = load_ticket(request, number)
    form = ToArticleForm(request.POST)
    if not form.is_valid():
        return _choose(request, ticket, form, 422)
    category: Any = form.cleaned_data["category"]
    try:
        article = draft_from_ticket(request.user, ticket, category_id=category.pk if category else None)
    except Forbidden:
        return render(request, "console/denied.html", status=403)
    except AlreadyDrafted as exc:
        messages.info(request, exc.message)
        return redirect("console:knowledge_article", pk=exc.article.pk)
    except Conflict as exc:
        messages.warning(request, exc.message)
        return redirect("console:ticket", number=ticket.number)
    except InvalidInput as exc:
        form.add_error("category" if exc.field == "category_id" else None, exc.message)
        return _choose(request, ticket, form, 422)
    messages.success(
        request,
        _("The draft article is ready. Check that no customer data is left, then submit it for review."),
    )
    return redirect("console:knowledge_edit", pk=article.pk)
