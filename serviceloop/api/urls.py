from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from .api import api


def unknown_endpoint(request: HttpRequest, rest: str) -> JsonResponse:
    # API clients get JSON for a mistyped URL too, not the site's HTML error page.
    return JsonResponse({"detail": _("No such endpoint: %(path)s") % {"path": request.path}, "field": None},
                        status=404)  # fmt: skip


urlpatterns = [path("", api.urls), re_path(r"^(?P<rest>.*)$", unknown_endpoint)]
