from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.core.validators import validate_time_zone


class AssignmentMode(models.TextChoices):
    MANUAL = "manual", _("Manual: members take tickets from the team queue")
    ROUND_ROBIN = "round_robin", _("Round robin: each available member in turn")
    LEAST_LOADED = "least_loaded", _("Least loaded: the available member with the least open work")


class Team(models.Model):
    """A queue of work and the people who take it (L1 desk, engineers, experts...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams", blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignment_mode = models.CharField(
        _("assignment"), max_length=16, choices=AssignmentMode.choices, default=AssignmentMode.MANUAL
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Of the team's working hours, and of members' hours who have no time zone set."),
    )
    # Round robin's place in the turn: the member who got the last ticket. Moved only by a conditional
    # UPDATE from the value read, so two assignments at once cannot both hand out the same turn.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name
