"""Error pages: a clear sentence for the person, never a stack trace.

The API answers its own errors in JSON; these serve the HTML faces. The exception's own message
is shown only when it is one we wrote for people (a ServiceError), never an internal one.
"""

from django.shortcuts import render

from .errors import ServiceError


def _page(request, status: int, exception: Exception | None):
    message = exception.message if isinstance(exception, ServiceError) else ""
    return render(request, f"{status}.html", {"exception_message": message}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, exception)


def permission_denied(request, exception=None):
    return _page(request, 403, exception)


def page_not_found(request, exception=None):
    return _page(request, 404, exception)
