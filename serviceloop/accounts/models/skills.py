import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.IGNORECASE)


def language_codes(text: str) -> list[str]:
    """The codes of a comma-separated list, as typed: "en, zh-hans" gives ["en", "zh-hans"]."""
    return [code.strip() for code in text.split(",") if code.strip()]


def validate_language_codes(value: str) -> None:
    wrong = [code for code in language_codes(value) if not _LANGUAGE_CODE.match(code)]
    if wrong:
        raise ValidationError(
            _("%(codes)s: not a language code; separate codes by commas, e.g. en, zh-hans."),
            params={"codes": ", ".join(wrong)},
            code="invalid_languages",
        )


class Skills(models.Model):
    """What a person can handle. Empty means "anything": a skill set only narrows what they are given."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skills")
    product_lines = models.ManyToManyField(
        "customers.ProductLine",
        verbose_name=_("product lines"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for someone who handles every product line."),
    )
    # Plain text, not JSON: typed as such in the admin, and read for hundreds of people per new ticket.
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Codes of the languages they answer customers in, e.g. en, zh-hans; empty for any."),
    )

    class Meta:
        verbose_name = _("skills")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return str(self.user)
