import zoneinfo

from django.utils import timezone, translation

from serviceloop.core import policy

from .models import PartnerAccess


class UserLanguageAndZoneMiddleware:
    """Show each signed-in person the product in their own language and time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone or "UTC"))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class PartnerAuditMiddleware:
    """Keep every request a partner's technician makes (see PartnerAccess). Runs after the view, so
    the API's bearer token has named the user too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and policy.is_partner(user):
            match = request.resolver_match
            kwargs = match.kwargs if match else {}
            ref = str(kwargs.get("ref") or kwargs.get("number") or "")
            PartnerAccess.objects.create(
                user_id=user.pk, method=request.method[:8], path=request.get_full_path()[:500],
                ticket_ref=ref[:40], status=response.status_code,
            )  # fmt: skip
        return response
