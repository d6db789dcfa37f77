from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from serviceloop.core import policy

from .revision import RoutingRevision

HIGHEST_PRIORITY, LOWEST_PRIORITY = 1, 4  # the ticket's P1 to P4


class WarrantyStatus(models.TextChoices):
    IN = "in", _("In warranty")
    OUT = "out", _("Out of warranty")
    UNKNOWN = "unknown", _("Unknown (no machine or no warranty end)")


@deconstructible
class Choices:
    """A JSON list whose items are all values of the choices at `path` (dotted, for migrations)."""

    def __init__(self, path: str, label: str) -> None:
        self.path, self.label = path, label

    def __call__(self, value: object) -> None:
        allowed = set(import_string(self.path).values)
        if not isinstance(value, list) or not set(value) <= allowed:
            raise ValidationError(
                _("%(label)s: choose from %(choices)s.")
                % {"label": self.label, "choices": ", ".join(sorted(allowed))}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Choices) and (other.path, other.label) == (self.path, self.label)


def validate_words(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValidationError(_('A list of names or codes, e.g. ["DE", "FR"].'))


validate_channels = Choices("serviceloop.tickets.models.Channel", "channels")
validate_categories = Choices("serviceloop.tickets.models.Category", "categories")
validate_tiers = Choices("serviceloop.customers.models.Tier", "tiers")
validate_warranty = Choices("serviceloop.routing.models.WarrantyStatus", "warranty")


class RoutingRule(models.Model):
    """Where a new ticket goes. Rules are tried in order; every condition that is set must hold (an
    empty one holds for every ticket). A rule that fires does what its actions say, and the rules
    below are tried only if it does not stop."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveIntegerField(_("order"), default=100, help_text=_("Lower is tried first."))
    is_active = models.BooleanField(_("active"), default=True)
    stop = models.BooleanField(
        _("stop after this rule"), default=True,
        help_text=_("Untick to try the rules below too; they add tags and people to notify, and set "
                    "only what this rule leaves unset."),
    )  # fmt: skip

    # Conditions.
    channels = models.JSONField(_("channels"), default=list, blank=True, validators=[validate_channels])
    categories = models.JSONField(_("categories"), default=list, blank=True, validators=[validate_categories])
    product_lines = models.ManyToManyField(
        "customers.ProductLine", blank=True, related_name="+", verbose_name=_("product lines")
    )
    product_models = models.ManyToManyField(
        "customers.ProductModel", blank=True, related_name="+", verbose_name=_("product models")
    )
    product_modules = models.ManyToManyField(
        "customers.ProductModule", blank=True, related_name="+", verbose_name=_("product modules")
    )
    suppliers = models.ManyToManyField(
        "customers.Supplier", blank=True, related_name="+", verbose_name=_("supplier of the machine"),
        help_text=_("The machine's own supplier, else its model's."),
    )  # fmt: skip
    warranty = models.JSONField(_("warranty"), default=list, blank=True, validators=[validate_warranty])
    tiers = models.JSONField(_("customer tiers"), default=list, blank=True, validators=[validate_tiers])
    countries = models.JSONField(_("countries"), default=list, blank=True, validators=[validate_words])
    regions = models.JSONField(_("regions"), default=list, blank=True, validators=[validate_words])
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_words],
        help_text=_("The contact's language, else the organisation's; zh also holds for zh-hans."),
    )  # fmt: skip
    keywords = models.JSONField(
        _("keywords"), default=list, blank=True, validators=[validate_words],
        help_text=_("Any of these in the subject or the first message, ignoring case."),
    )  # fmt: skip

    # Actions.
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("set team"),
    )  # fmt: skip
    assignee = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("set assignee"),
    )  # fmt: skip
    priority = models.PositiveSmallIntegerField(
        _("set priority"), null=True, blank=True,
        validators=[MinValueValidator(HIGHEST_PRIORITY), MaxValueValidator(LOWEST_PRIORITY)],
        help_text=_("1 is the most urgent. Raises the priority only: never below what the urgency "
                    "and impact give."),
    )  # fmt: skip
    tags = models.JSONField(_("add tags"), default=list, blank=True, validators=[validate_words])
    sla_policy = models.ForeignKey(
        "sla.SlaPolicy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("SLA policy"), help_text=_("Applies whatever the SLA policies' own conditions say."),
    )  # fmt: skip
    notify_users = models.ManyToManyField(
        "accounts.User", blank=True, related_name="+", verbose_name=_("notify these people")
    )
    notify_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("notify this team's members"),
    )  # fmt: skip

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        try:
            assignee, team = self.assignee, self.team
        except ObjectDoesNotExist:
            return  # an unknown id: the field's own check says so
        check_assignee(assignee, team)


def check_assignee(assignee, team) -> None:
    """A rule's assignee is active staff, and a member of the rule's team when it sets one."""
    if assignee is None:
        return
    if not policy.is_staff(assignee):
        raise ValidationError(
            {"assignee": _("%(name)s is not active service staff; tickets go to staff only.")
             % {"name": assignee}}
        )  # fmt: skip
    if team is not None and not team.members.filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("%(name)s is not a member of the team %(team)s.")
             % {"name": assignee, "team": team}}
        )  # fmt: skip


def check_people_to_notify(people) -> None:
    """People told of a routed ticket work in the console (staff, or a partner's technicians)."""
    outsiders = [str(person) for person in people if not policy.can_use_console(person)]
    if outsiders:
        raise ValidationError(
            {"notify_users": _("These people do not use the console: %(names)s.")
             % {"names": ", ".join(outsiders)}}
        )  # fmt: skip


@receiver(post_save, sender=RoutingRule)
@receiver(post_delete, sender=RoutingRule)
def _rules_changed(sender, **kwargs) -> None:
    RoutingRevision.renew()


@receiver(m2m_changed, sender=RoutingRule.product_lines.through)
@receiver(m2m_changed, sender=RoutingRule.product_models.through)
@receiver(m2m_changed, sender=RoutingRule.product_modules.through)
@receiver(m2m_changed, sender=RoutingRule.suppliers.through)
@receiver(m2m_changed, sender=RoutingRule.notify_users.through)
def _rule_links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        RoutingRevision.renew()
