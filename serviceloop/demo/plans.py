"""Deciding what each demo ticket is about and how far through its life it has come."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from serviceloop.customers.models import Contact, Machine, Organisation, ProductModule, Tier
from serviceloop.tickets.models import Channel, Impact, Status, Urgency

from . import texts
from .cast import Cast

S = Status
# Final status, weight, age range in days: older tickets are further along their life.
OUTCOMES: list[tuple[str, int, tuple[float, float]]] = [
    (S.NEW, 7, (0, 2)),
    (S.OPEN, 8, (0.2, 8)),
    (S.PENDING_CUSTOMER, 6, (1, 20)),
    (S.ESCALATED, 6, (0.5, 12)),
    (S.SOLUTION_PROPOSED, 4, (1, 14)),
    (S.SOLUTION_APPROVED, 3, (2, 20)),
    (S.IN_PROGRESS, 5, (2, 30)),
    (S.AWAITING_VERIFICATION, 5, (2, 30)),
    (S.RESOLVED, 10, (3, 45)),
    (S.CLOSED, 30, (5, 90)),
    (S.REOPENED, 4, (5, 60)),
    (S.CANCELLED, 6, (1, 90)),
    (S.MERGED, 3, (1, 60)),
]
_SOLVED = ["take", "escalate", "propose", "approve", "start", "verify", "thanks", "confirm"]
# Step lists that lead to each outcome; story.py knows what each step does.
PATHS: dict[str, list[list[str]]] = {
    S.NEW: [[], ["note"]],
    S.OPEN: [["take"], ["take", "reply"], ["take", "note", "reply", "customer"]],
    S.PENDING_CUSTOMER: [["take", "wait"], ["take", "reply", "customer", "wait"]],
    S.ESCALATED: [["take", "note", "escalate"], ["escalate", "partner_note"],
                  ["take", "reply", "customer", "escalate", "note"]],
    S.SOLUTION_PROPOSED: [["take", "escalate", "note", "propose"],
                          ["take", "escalate", "partner_note", "propose"]],
    S.SOLUTION_APPROVED: [["take", "escalate", "propose", "approve"]],
    S.IN_PROGRESS: [["take", "escalate", "propose", "approve", "start"],
                    ["take", "escalate", "propose", "reject", "propose", "approve", "start", "note"]],
    S.AWAITING_VERIFICATION: [["take", "reply", "customer", "verify"], _SOLVED[:6]],
    S.RESOLVED: [["take", "reply", "customer", "resolve"], ["take", "reply", "verify", "confirm"],
                 ["take", "wait", "customer", "resolve"]],
    S.CLOSED: [["take", "reply", "customer", "resolve", "close"],
               ["take", "verify", "thanks", "confirm", "close"],
               ["take", "wait", "customer", "reply", "resolve", "close"], [*_SOLVED, "close"]],
    S.REOPENED: [["take", "reply", "resolve", "close", "reopen", "customer"],
                 ["take", "verify", "confirm", "reopen"]],
    S.CANCELLED: [["cancel"], ["take", "reply", "cancel"]],
    S.MERGED: [["merge"], ["take", "merge"]],
}  # fmt: skip
_URGENCY = ([Urgency.LOW, Urgency.NORMAL, Urgency.HIGH, Urgency.CRITICAL], [15, 50, 25, 10])
_IMPACT = ([Impact.MINOR, Impact.DEGRADED, Impact.STOPPED], [50, 35, 15])
_CHANNELS = ([Channel.PHONE, Channel.EMAIL, Channel.PORTAL, Channel.CHAT, Channel.ONSITE, Channel.API,
              Channel.EXECUTIVE], [30, 30, 15, 8, 5, 5, 3])  # fmt: skip


@dataclass
class Plan:
    organisation: Organisation
    contact: Contact | None
    machine: Machine | None
    module: ProductModule | None
    problem: texts.Problem
    chinese: bool
    channel: str
    urgency: str
    impact: str
    received_at: datetime
    outcome: str
    steps: list[str]
    tags: list[str] = field(default_factory=list)
    commitments: list[tuple[str, datetime | None]] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return "zh-hans" if self.chinese else "en"

    def fill(self, text: str) -> str:
        return text.format(**self.values)

    def pick(self, rng: random.Random, options: dict[str, list[str]]) -> str:
        return self.fill(rng.choice(options[self.lang]))


def _channel(rng: random.Random, cast: Cast, organisation: Organisation) -> str:
    channel = rng.choices(*_CHANNELS)[0]
    if channel == Channel.PORTAL and organisation.pk not in cast.customers:
        return Channel.EMAIL
    if channel == Channel.EXECUTIVE and organisation.tier != Tier.KEY:
        return Channel.PHONE
    return channel


def _module(rng: random.Random, cast: Cast, machine: Machine | None, wanted: str) -> ProductModule | None:
    modules = cast.modules.get(machine.model.line_id, []) if machine else []
    if not modules:
        return None
    preferred = [m for m in modules if m.name == wanted]
    return preferred[0] if preferred else rng.choice(modules)


def _values(rng: random.Random, plan: Plan) -> dict[str, Any]:
    module = plan.module.name if plan.module else "machine"
    if plan.chinese:
        module = texts.MODULES_ZH.get(module, "设备")
    return {
        "model": plan.machine.model.code if plan.machine else "",
        "serial": plan.machine.serial_number if plan.machine else "",
        "module": module,
        "alarm": f"{rng.choice(['AL', 'E', 'SV', 'PS'])}-{rng.randrange(100, 9999)}",
        "n": rng.randrange(3, 95),
    }


def make_plan(rng: random.Random, cast: Cast, now: datetime) -> Plan:
    statuses, weights, ages = zip(*OUTCOMES, strict=True)
    index = rng.choices(range(len(statuses)), weights=weights)[0]
    organisation = rng.choice(cast.organisations)
    machines = cast.machines.get(organisation.pk, [])
    problem = rng.choice(texts.PROBLEMS)
    # Every demo question is about a machine: even orders and complaints name the serial number.
    machine = rng.choice(machines) if machines else None
    age = timedelta(days=rng.uniform(*ages[index]))
    plan = Plan(
        organisation=organisation,
        contact=rng.choice(cast.contacts.get(organisation.pk) or [None]),
        machine=machine,
        module=_module(rng, cast, machine, problem.module) if problem.fault else None,
        problem=problem,
        chinese=cast.chinese(organisation),
        channel=_channel(rng, cast, organisation),
        urgency=rng.choices(*_URGENCY)[0],
        impact=rng.choices(*_IMPACT)[0],
        received_at=now - max(age, timedelta(minutes=30)),
        outcome=statuses[index],
        steps=list(rng.choice(PATHS[statuses[index]])),
    )
    plan.values = _values(rng, plan)
    if rng.random() < 0.4:
        plan.tags = rng.sample(texts.TAGS, rng.randint(1, 2))
    if rng.random() < 0.2:
        plan.commitments = [
            (plan.pick(rng, texts.PROMISES), plan.received_at + timedelta(days=rng.randint(1, 3)))
        ]
    return plan
