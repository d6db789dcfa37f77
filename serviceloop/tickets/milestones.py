"""Milestones: moments of the service that happen outside the conversation and the status.

Someone records that they happened (the engineer reached the site, the order was confirmed); the
service levels meet or start their clocks on them. Field visits and orders will record the same
milestones when they exist as records of their own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Milestone(models.TextChoices):
    REMOTE_CONTACT = "remote_contact", _("Remote contact made")
    VISIT_PLANNED = "visit_planned", _("On-site visit decided")
    ENGINEER_ON_SITE = "engineer_on_site", _("Engineer arrived on site")
    ORDER_CONFIRMED = "order_confirmed", _("Order details confirmed")
    DELIVERED = "delivered", _("Delivered")
    CALLED_BACK = "called_back", _("Customer called back after delivery")
