import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if not value:
        return
    try:
        zoneinfo.ZoneInfo(value)
    # A folder of the zone database ("Europe") or a name too long for the file system is an OSError.
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValidationError(
            _("%(value)s is not a time zone; use an IANA name such as Europe/Berlin."),
            params={"value": value},
        ) from exc
