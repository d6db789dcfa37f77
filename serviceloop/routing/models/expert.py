"""The expert register: who can answer a technical question, ours or a partner's, and how to reach them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.accounts.models.skills import validate_language_codes


class ExpertContact(models.Model):
    """One technical contact: our own expert, or a partner's, supplier's, brand's or freelance expert.

    The company is a partner-or-supplier row, whose kind says which of these the contact is (our own
    experts belong to the row of kind "own"). A contact with a login answers offers in the console;
    one without is listed with their phones for the desk to call."""

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("Available")
        LIMITED = "limited", _("Limited: replies may be slow")
        UNAVAILABLE = "unavailable", _("Unavailable")

    company = models.ForeignKey(
        "customers.Supplier", on_delete=models.PROTECT, related_name="experts", verbose_name=_("company")
    )
    name = models.CharField(_("name"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="expert_entry", verbose_name=_("login"),
        help_text=_("Their account, if they answer in Serviceloop themselves."),
    )  # fmt: skip
    product_lines = models.ManyToManyField(
        "customers.ProductLine", blank=True, related_name="+", verbose_name=_("product lines"),
        help_text=_("Leave empty for someone who knows every product line of the company."),
    )  # fmt: skip
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, validators=[validate_language_codes],
        help_text=_("Codes of the languages they work in, e.g. en, zh-hans."),
    )  # fmt: skip
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    mobile = models.CharField(_("mobile"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    availability = models.CharField(
        _("availability"), max_length=12, choices=Availability.choices, default=Availability.AVAILABLE
    )
    availability_note = models.CharField(
        _("availability note"), max_length=200, blank=True,
        help_text=_("E.g. Mon-Fri 08:00-17:00 CET, on-call number at weekends."),
    )  # fmt: skip
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["company__name", "name"]
        verbose_name = _("expert contact")
        verbose_name_plural = _("expert register")

    def __str__(self) -> str:
        return f"{self.name} ({self.company})"

    def clean(self) -> None:
        super().clean()
        if self.user is None or self.company_id is None:
            return
        from serviceloop.customers.models import Supplier

        own = Supplier.objects.filter(pk=self.company_id, kind=Supplier.Kind.OWN).exists()
        if own and self.user.supplier_id is not None:
            raise ValidationError({"user": _("Our own experts log in with a staff account.")})
        if not own and self.user.supplier_id != self.company_id:
            message = _("This login belongs to another company; pick one of %(company)s.")
            raise ValidationError({"user": message % {"company": self.company}})
