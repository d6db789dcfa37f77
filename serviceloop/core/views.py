"""Error pages: a clear sentence for the person, never a stack trace.

The API answers its own errors in JSON; these serve the HTML faces. The exception's own message
is shown only when it is one we wrote for people (a ServiceError), never an internal one.
"""

from typing import Any

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .errors import ServiceError

_PAGES: dict[int, tuple[Any, Any]] = {
    400: (
        _("Bad request"),
        _("The request could not be understood. Go back, check what you entered and try again."),
    ),
    403: (
        _("Not allowed"),
        _("You do not have permission to do this. If you think you should, ask your supervisor."),
    ),
    404: (_("Not found"), _("There is nothing here, or you do not have access to it.")),
}


def _page(request, status: int, exception: Exception | None):
    title, message = _PAGES[status]
    if isinstance(exception, ServiceError):
        message = exception.message
    return render(request, "error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, exception)


def permission_denied(request, exception=None):
    return _page(request, 403, exception)


def page_not_found(request, exception=None):
    return _page(request, 404, exception)
