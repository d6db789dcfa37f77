"""Which rule would fire? A sample ticket tried against the active rules, and optionally against a
rule not saved yet (the one being edited), without changing anything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core.errors import InvalidInput
from serviceloop.customers.models import Contact, Machine, Organisation, ProductModel, ProductModule
from serviceloop.tickets.models import Category, Channel

from .conditions import LABELS, CompiledRule
from .deciding import Decision, Verdict, decide, explain
from .facts import TicketFacts, fold, language_tags, supplier_id_of, warranty_on
from .ruleset import active_rules


@dataclass
class Sample:
    """A ticket as the tester describes it; ids name rows of the directory and the catalogue."""

    subject: str = ""
    body: str = ""
    channel: str = ""
    category: str = ""
    organisation_id: int | None = None
    contact_id: int | None = None
    machine_id: int | None = None
    product_model_id: int | None = None
    product_module_id: int | None = None
    language: str = ""


def _row(model: Any, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise InvalidInput(_("%(field)s: there is no such row (id %(id)s).") % {"field": field, "id": pk},
                           field=field)  # fmt: skip
    return found


def sample_facts(sample: Sample) -> TicketFacts:
    """The facts of the sample as a new ticket with these values would have them today."""
    if sample.channel and sample.channel not in Channel.values:
        raise InvalidInput(_("channel: choose from %(choices)s.") % {"choices": ", ".join(Channel.values)},
                           field="channel")  # fmt: skip
    if sample.category and sample.category not in Category.values:
        raise InvalidInput(
            _("category: choose from %(choices)s.") % {"choices": ", ".join(Category.values)},
            field="category",
        )
    organisation = _row(Organisation, sample.organisation_id, "organisation_id")
    contact = _row(Contact, sample.contact_id, "contact_id")
    machine = _row(Machine, sample.machine_id, "machine_id")
    model = machine.model if machine else _row(ProductModel, sample.product_model_id, "product_model_id")
    module = _row(ProductModule, sample.product_module_id, "product_module_id")
    language = (
        sample.language
        or (contact.language if contact else "")
        or (organisation.language if organisation else "")
    )
    supplier_id = supplier_id_of(machine, model)
    body = sample.body
    return TicketFacts(
        channel=sample.channel,
        category=sample.category or Category.OTHER,
        product_line_id=model.line_id if model else (module.line_id if module else None),
        product_model_id=model.pk if model else None,
        product_module_id=module.pk if module else None,
        supplier_id=supplier_id,
        warranty=warranty_on(machine.warranty_end if machine else None, timezone.now().date()),
        tier=organisation.tier if organisation else "",
        country=organisation.country.strip().upper() if organisation else "",
        region=fold(organisation.region).strip() if organisation else "",
        languages=language_tags(language),
        subject=sample.subject,
        body=lambda: body,
    )


def rules_with(candidate: CompiledRule | None, replaces: int | None = None) -> list[CompiledRule]:
    """The active rules with `candidate` in its place (instead of rule `replaces`, the one it edits);
    among rules of the same position the saved ones come first, as a new rule gets the highest id."""
    rules = [rule for rule in active_rules() if replaces is None or rule.pk != replaces]
    if candidate is None:
        return rules
    rules.append(candidate)
    return sorted(rules, key=lambda r: (r.position, r.pk if r.pk is not None else float("inf")))


def try_sample(
    sample: Sample, candidate: CompiledRule | None = None, replaces: int | None = None
) -> tuple[list[Verdict], Decision]:
    """Every rule in order with whether it would fire for the sample (see deciding.explain), and what
    the rules that fire would decide together. A candidate is tried even if it is not ticked active."""
    facts = sample_facts(sample)
    rules = rules_with(candidate, replaces)
    return explain(facts, rules), decide(facts, rules)


def reason(verdict: Verdict) -> str:
    """Why the rule would or would not fire, in the reader's words."""
    if verdict.matched:
        return _("fires; stops here") if verdict.rule.stop else _("fires; the rules below are tried too")
    if not verdict.tried:
        return _("not tried: a rule above fired and stopped")
    label = LABELS.get(verdict.failed_condition or "", verdict.failed_condition)
    return _("does not hold: %(condition)s") % {"condition": label}
