"""Routing rules: which new tickets each applies to (conditions) and what it does to them (actions),
and the tester that tells which rule a sample ticket would meet."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict

from serviceloop.customers.models import Tier
from serviceloop.routing.models import WarrantyStatus
from serviceloop.tickets.models import Category, Channel

from .common import Id, Input

Word = Annotated[str, Field(min_length=1, max_length=100)]
Priority = Annotated[int, Field(ge=1, le=4, description="1 (highest) to 4")]

_POSITION = "Rules are tried in this order, lowest first."
_STOP = (
    "Stop after this rule fires (default). False: the rules below are tried too; they add tags and "
    "people to notify, and set only what the rules above left unset."
)
_EMPTY = "Empty: every ticket."
_PRIORITY = "Raises the ticket's priority to this; never lowers what urgency and impact gave."
_KEYWORDS = (
    "Any of these in the subject or first message, ignoring case; a Latin word must start a word of "
    "the text, Chinese is found anywhere. " + _EMPTY
)
_LANGUAGES = "The contact's language, else the organisation's; zh holds for zh-hans too. " + _EMPTY
_KEEP = "A new ticket keeps a team or assignee it was created with."


class _RuleFields(Input):
    model_config = ConfigDict(use_enum_values=True, extra="forbid")


class RoutingRuleIn(_RuleFields):
    name: str = Field(max_length=100)
    position: int = Field(100, ge=0, le=2**31 - 1, description=_POSITION)
    is_active: bool = True
    stop: bool = Field(True, description=_STOP)
    channels: list[Channel] = Field(default_factory=list, description=_EMPTY)
    categories: list[Category] = Field(default_factory=list, description=_EMPTY)
    product_line_ids: list[Id] = Field(default_factory=list, description=_EMPTY)
    product_model_ids: list[Id] = Field(default_factory=list, description=_EMPTY)
    product_module_ids: list[Id] = Field(default_factory=list, description=_EMPTY)
    supplier_ids: list[Id] = Field(
        default_factory=list, description="The machine's own supplier, else its model's. " + _EMPTY
    )
    warranty: list[WarrantyStatus] = Field(default_factory=list, description=_EMPTY)
    tiers: list[Tier] = Field(default_factory=list, description=_EMPTY)
    countries: list[Word] = Field(default_factory=list, description="ISO codes, e.g. DE. " + _EMPTY)
    regions: list[Word] = Field(default_factory=list, description=_EMPTY)
    languages: list[Word] = Field(default_factory=list, description=_LANGUAGES)
    keywords: list[Word] = Field(default_factory=list, description=_KEYWORDS)
    team_id: Id | None = Field(None, description="Set this team. " + _KEEP)
    assignee_id: Id | None = Field(None, description="Active staff, in the rule's team if it sets one.")
    priority: Priority | None = Field(None, description=_PRIORITY)
    tags: list[Word] = Field(default_factory=list, description="Tags added to the ticket.")
    sla_policy_id: Id | None = Field(None, description="Applies whatever the policies' own conditions say.")
    notify_user_ids: list[Id] = Field(default_factory=list, description="People who use the console.")
    notify_team_id: Id | None = Field(None, description="Every active member of this team is told.")


class RoutingRulePatch(_RuleFields):
    """Only the fields sent are changed; an id list sent replaces the old one."""

    name: str | None = Field(None, max_length=100)
    position: int | None = Field(None, ge=0, le=2**31 - 1, description=_POSITION)
    is_active: bool | None = None
    stop: bool | None = Field(None, description=_STOP)
    channels: list[Channel] | None = None
    categories: list[Category] | None = None
    product_line_ids: list[Id] | None = None
    product_model_ids: list[Id] | None = None
    product_module_ids: list[Id] | None = None
    supplier_ids: list[Id] | None = None
    warranty: list[WarrantyStatus] | None = None
    tiers: list[Tier] | None = None
    countries: list[Word] | None = None
    regions: list[Word] | None = None
    languages: list[Word] | None = Field(None, description=_LANGUAGES)
    keywords: list[Word] | None = Field(None, description=_KEYWORDS)
    team_id: Id | None = None
    assignee_id: Id | None = None
    priority: Priority | None = Field(None, description=_PRIORITY)
    tags: list[Word] | None = None
    sla_policy_id: Id | None = None
    notify_user_ids: list[Id] | None = None
    notify_team_id: Id | None = None


class RoutingRuleOut(Schema):
    id: int
    name: str
    position: int = Field(description=_POSITION)
    is_active: bool
    stop: bool = Field(description=_STOP)
    channels: list[str]
    categories: list[str]
    product_line_ids: list[int]
    product_model_ids: list[int]
    product_module_ids: list[int]
    supplier_ids: list[int]
    warranty: list[str]
    tiers: list[str]
    countries: list[str]
    regions: list[str]
    languages: list[str]
    keywords: list[str]
    team_id: int | None
    assignee_id: int | None
    priority: int | None
    tags: list[str]
    sla_policy_id: int | None
    notify_user_ids: list[int]
    notify_team_id: int | None

    @staticmethod
    def resolve_product_line_ids(obj: Any) -> list[int]:
        return [row.pk for row in obj.product_lines.all()]

    @staticmethod
    def resolve_product_model_ids(obj: Any) -> list[int]:
        return [row.pk for row in obj.product_models.all()]

    @staticmethod
    def resolve_product_module_ids(obj: Any) -> list[int]:
        return [row.pk for row in obj.product_modules.all()]

    @staticmethod
    def resolve_supplier_ids(obj: Any) -> list[int]:
        return [row.pk for row in obj.suppliers.all()]

    @staticmethod
    def resolve_notify_user_ids(obj: Any) -> list[int]:
        return [row.pk for row in obj.notify_users.all()]


# The tester.


class SampleTicketIn(Input):
    model_config = ConfigDict(use_enum_values=True, extra="forbid")

    subject: str = Field("", max_length=255)
    body: str = Field("", max_length=100_000, description="The first message.")
    channel: Channel | None = None
    category: Category | None = Field(None, description="Empty: other, as a new ticket.")
    organisation_id: Id | None = Field(None, description="Its tier, country, region and language.")
    contact_id: Id | None = Field(None, description="Its language comes before the organisation's.")
    machine_id: Id | None = Field(None, description="Its model, supplier and warranty (as of today).")
    product_model_id: Id | None = Field(None, description="When there is no machine.")
    product_module_id: Id | None = None
    language: str = Field("", max_length=10, description="Overrides the contact's and organisation's.")


class RoutingTestIn(Input):
    sample: SampleTicketIn
    rule: RoutingRulePatch | None = Field(
        None,
        description="A rule not saved yet (with a name), tried in its position among the saved ones; "
        "with `rule_id`, only the fields that differ from that rule.",
    )
    rule_id: Id | None = Field(
        None, description="With `rule`: the saved rule it would replace (testing a change before saving)."
    )


class VerdictOut(Schema):
    id: int | None = Field(description="Empty for the unsaved rule.")
    name: str
    position: int
    matched: bool = Field(description="The rule would fire.")
    tried: bool = Field(description="False below a rule that fired and stops.")
    failed_condition: str | None = Field(description="The first condition that does not hold, e.g. channels.")
    reason: str


class DecisionOut(Schema):
    team_id: int | None
    assignee_id: int | None
    priority: int | None
    sla_policy_id: int | None
    tags: list[str]
    notify_user_ids: list[int]
    notify_team_ids: list[int]


class RoutingTestOut(Schema):
    fires: list[str] = Field(description="The rules that would fire, in order; the first is the match.")
    decision: DecisionOut = Field(
        description="What they would set together (a new ticket keeps a team or assignee it was created "
        "with, and a priority is never lowered)."
    )
    rules: list[VerdictOut] = Field(description="Every active rule (and the unsaved one), in order.")
