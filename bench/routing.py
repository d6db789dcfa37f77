"""Routing a new ticket through 200 rules: `python -m bench.routing [--tickets N] [--rules N]`.

Runs on a fresh SQLite database in a temporary directory (or --database-url postgres://..., a database
of the bench's own whose name contains "bench": created, migrated and dropped as bench.sla_timers does).

1. Data: a catalogue (10 product lines, 50 models, 40 modules, 8 suppliers), 60 organisations in eight
   countries with their machines (a third in warranty), 10 teams, and --rules active rules in a
   realistic mix (1 to 3 conditions each from channels, categories, tiers, countries, regions,
   languages, warranty, product lines, models, modules, suppliers and keywords, a quarter with
   keywords, Chinese among them). All but the last five hold for none of the sample tickets; those
   five, at the end, catch them by category, so each ticket is tried against (nearly) every rule.
2. Decision: `facts_of` + `decide` for N sample tickets (subject and a first message of ~600
   characters, a quarter in Chinese), rules from the process's cache, no database: median and p95.
3. Full `route()` per ticket, each in its own transaction: the revision read, the decision and the
   writes of what the rule does (team, priority, tags, history rows).
4. The cost routing adds to `create_ticket`: the median creation time and query count with routing
   unsubscribed, with no rules, and with the rules (then the ticket is routed, with its writes); and
   routing's subscriber timed alone without rules (creation times are noisier than its cost).

Nothing here asserts: the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from typing import Any

from .run import percentile

TARGET_MS = 5.0
_SAMPLE_COUNTRIES = ["DE", "CN", "US", "FR"]
_OTHER_COUNTRIES = ["JP", "BR", "IN", "IT", "ES", "KR", "MX", "PL"]
_SAMPLE_WORDS = ["spindle", "alarm", "vibration", "coolant", "servo", "主轴", "报警", "振动"]
_OTHER_WORDS = ["hydraulic leak", "firmware", "invoice", "溢流阀", "液压", "licence", "smoke", "burnt",
                "overheating", "gearbox", "安全门", "润滑泵"]  # fmt: skip
_BODY_EN = ("Since this morning the {w} on our lathe shows a problem at about 3000 rpm. The operator "
            "stopped the machine twice; after a restart it ran for an hour and then the same again. "
            "We checked the obvious things and need advice before the next shift starts. ")  # fmt: skip
_BODY_ZH = ("今天早上机床的{w}出现问题，转速大约三千转时停机两次。"
            "重启后运行一个小时又出现同样的情况。请在下一班开始前给出建议。")  # fmt: skip


def setup(database_url: str | None) -> tuple[str | None, Any]:
    """Point Django at the bench's database and migrate it; returns the URL to drop at the end."""
    tmp = None
    if database_url is None:
        tmp = tempfile.TemporaryDirectory(prefix="routing-bench-")
        database_url = f"sqlite:///{tmp.name}/bench.sqlite3"
        os.environ["SERVICELOOP_VAR_DIR"] = tmp.name
    elif database_url.startswith("postgres"):
        from .sla_timers import prepare_database

        prepare_database(database_url, reuse=False)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "serviceloop.settings", "DATABASE_URL": database_url,
        "HUEY_IMMEDIATE": "1", "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    })  # fmt: skip
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return (database_url if database_url.startswith("postgres") else None), tmp


def make_world(rng: random.Random) -> dict[str, Any]:
    from datetime import date, timedelta

    from serviceloop.accounts.models import Team, User
    from serviceloop.core.roles import Role
    from serviceloop.customers.models import (
        Contact,
        Machine,
        Organisation,
        ProductLine,
        ProductModel,
        ProductModule,
        Supplier,
    )

    suppliers = [Supplier.objects.create(name=f"Supplier {n}") for n in range(8)]
    lines = [ProductLine.objects.create(name=f"Line {n}") for n in range(10)]
    models = [ProductModel.objects.create(line=lines[n % 10], code=f"M-{n:03}", name=f"Model {n}",
                                          supplier=suppliers[n % 8]) for n in range(50)]  # fmt: skip
    modules = [ProductModule.objects.create(line=lines[n % 10], name=f"Module {n}") for n in range(40)]
    sampled_models = [model for model in models if model.line in lines[:6]]  # the sample's machines
    teams = []
    for n in range(10):
        team = Team.objects.create(name=f"Team {n}")
        members = [User.objects.create(username=f"eng{n}-{m}", role=Role.ENGINEER) for m in range(3)]
        team.members.set(members)
        teams.append(team)
    today = date.today()
    organisations, machines = [], []
    for n in range(60):
        country = _SAMPLE_COUNTRIES[n % 4] if n < 40 else _OTHER_COUNTRIES[n % 8]
        organisation = Organisation.objects.create(
            name=f"Customer {n}", country=country, region=f"Region {n % 6}",
            language="zh-hans" if country == "CN" else "en", tier=["key", "standard"][n % 2],
        )  # fmt: skip
        Contact.objects.create(organisation=organisation, name=f"Contact {n}")
        organisations.append(organisation)
        for m in range(3):
            warranty = today + timedelta(days=rng.choice([-400, -30, 90, 300])) if m else None
            machines.append(Machine.objects.create(
                organisation=organisation, model=sampled_models[(n * 3 + m) % len(sampled_models)],
                serial_number=f"SN-{n:03}-{m}", warranty_end=warranty,
            ))  # fmt: skip
    modules_of: dict[int, list[int]] = {}
    for module in modules:
        modules_of.setdefault(module.line_id, []).append(module.pk)
    return {"suppliers": suppliers, "lines": lines, "models": models, "modules": modules, "teams": teams,
            "modules_of": modules_of,
            "organisations": organisations[:40], "machines": [m for m in machines if m.organisation.country
            in _SAMPLE_COUNTRIES]}  # fmt: skip


def _condition(rng: random.Random, w: dict[str, Any], kind: str, holds: bool) -> dict[str, Any]:
    """One condition; `holds=False` gives values no sample ticket has."""
    pick = rng.sample
    if kind == "channels":
        return {"channels": pick(["phone", "email", "portal"], 2) if holds else ["system", "executive"]}
    if kind == "categories":
        return {"categories": ["technical", "product"] if holds else ["order"]}
    if kind == "tiers":
        return {"tiers": ["key", "standard"] if holds else ["basic"]}
    if kind == "countries":
        return {"countries": pick(_SAMPLE_COUNTRIES if holds else _OTHER_COUNTRIES, 2)}
    if kind == "regions":
        return {"regions": [f"Region {n}" for n in pick(range(6) if holds else range(6, 12), 2)]}
    if kind == "languages":
        return {"languages": ["zh", "en"] if holds else ["ja", "pt"]}
    if kind == "warranty":
        return {"warranty": ["in", "out", "unknown"] if holds else []}
    if kind == "keywords":
        return {"keywords": pick(_SAMPLE_WORDS if holds else _OTHER_WORDS, 3)}
    if kind == "product_lines":
        return {"product_lines": pick(w["lines"][:6] if holds else w["lines"][6:], 2)}
    if kind == "product_models":
        sampled = [m for m in w["models"] if m.line in w["lines"][:6]]
        return {"product_models": pick(sampled if holds else [m for m in w["models"] if m not in sampled], 4)}
    if kind == "product_modules":
        return {"product_modules": pick(w["modules"] if holds else [], 0 if not holds else 5)}
    return {"suppliers": pick(w["suppliers"], 3)}


_KINDS = ["channels", "categories", "tiers", "countries", "regions", "languages", "keywords",
          "keywords", "product_lines", "product_models", "suppliers", "warranty"]  # fmt: skip
_FAILING = ["channels", "categories", "tiers", "countries", "regions", "languages", "keywords",
            "product_lines", "product_models"]  # fmt: skip


def make_rules(rng: random.Random, w: dict[str, Any], count: int) -> None:
    from serviceloop.routing.models import RoutingRule

    links = ("product_lines", "product_models", "product_modules", "suppliers")
    for n in range(count):
        position = (n + 1) * 10
        if n >= count - 5:  # the catch-all rules at the end, by category
            fields: dict[str, Any] = {"categories": [["technical"], ["product"], ["complaint"], ["other"],
                                                    ["order"]][n - (count - 5)]}  # fmt: skip
        else:
            fields = {}
            for kind in rng.sample(_KINDS, rng.randint(0, 2)):
                fields.update(_condition(rng, w, kind, holds=True))
            fields.update(_condition(rng, w, rng.choice(_FAILING), holds=False))
        fields.update({"team": rng.choice(w["teams"]), "priority": rng.choice([None, 2, 3]),
                       "tags": rng.sample(["routed", "hotline", "vip", "partner"], 2)})  # fmt: skip
        linked = {name: fields.pop(name) for name in links if name in fields}
        rule = RoutingRule.objects.create(name=f"Rule {n:03}", position=position, **fields)
        for name, values in linked.items():
            getattr(rule, name).set(values)


def drafts(rng: random.Random, w: dict[str, Any], count: int) -> list[Any]:
    from serviceloop.tickets.services import NewTicket

    out = []
    for _ in range(count):
        machine = rng.choice(w["machines"])
        word = rng.choice(_SAMPLE_WORDS)
        chinese = machine.organisation.country == "CN"
        body = (_BODY_ZH if chinese else _BODY_EN).format(w=word) * 3
        out.append(NewTicket(
            subject=f"{word} problem on {machine.serial_number}", body=body,
            channel=rng.choice(["phone", "email", "portal", "chat"]),
            category=rng.choice(["technical", "technical", "product", "complaint", "other"]),
            organisation_id=machine.organisation_id, machine_id=machine.pk,
            product_module_id=rng.choice([None, *w["modules_of"][machine.model.line_id]]),
        ))  # fmt: skip
    return out


@contextmanager
def routing_unsubscribed():
    from serviceloop.core import events
    from serviceloop.routing import subscribers

    handlers = events._subscribers[events.TICKET_CREATED]
    index = handlers.index(subscribers.route_new_ticket)
    handlers.remove(subscribers.route_new_ticket)
    try:
        yield
    finally:
        handlers.insert(index, subscribers.route_new_ticket)


def _ms_line(name: str, samples: list[float], target: float | None = None) -> str:
    p50, p95 = statistics.median(samples), percentile(samples, 95)
    goal = "" if target is None else f"  (target <= {target} ms: {'met' if p95 <= target else 'MISSED'})"
    return f"{name:<58} p50 {p50:7.3f} ms  p95 {p95:7.3f} ms  max {max(samples):7.3f} ms{goal}"


def create_many(actor: Any, batch: list[Any]) -> tuple[list[float], list[Any], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from serviceloop.tickets.services import create_ticket

    times, tickets = [], []
    for draft in batch:
        start = time.perf_counter()
        tickets.append(create_ticket(actor, draft))
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        tickets.append(create_ticket(actor, batch[0]))
    return times, tickets, len(captured.captured_queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=2_000)
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--creations", type=int, default=300, help="tickets created per creation figure")
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary directory")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    to_drop, tmp = setup(args.database_url)
    try:
        run(args, rng)
    finally:
        if to_drop:
            from .sla_timers import drop_database

            drop_database(to_drop)
        if tmp is not None:
            tmp.cleanup()
    return 0


def run(args: argparse.Namespace, rng: random.Random) -> None:
    from django.db import connection, transaction

    from serviceloop.accounts.models import User
    from serviceloop.core.roles import Role
    from serviceloop.routing.services.applying import route
    from serviceloop.routing.services.deciding import decide
    from serviceloop.routing.services.facts import facts_of
    from serviceloop.routing.services.ruleset import active_rules
    from serviceloop.tickets.models import Ticket

    print(f"database: {connection.vendor}; {args.rules} rules, {args.tickets:,} sample tickets")
    w = make_world(rng)
    agent = User.objects.create(username="bench-agent", role=Role.AGENT)

    # 4a. Creation before any rule exists: routing unsubscribed, then subscribed with no rules.
    batch = drafts(rng, w, args.creations)
    with routing_unsubscribed():
        base, _, base_queries = create_many(agent, batch)
    empty, empty_tickets, empty_queries = create_many(agent, batch)
    subscriber_ms = _subscriber_alone(empty_tickets)

    make_rules(rng, w, args.rules)
    rules = active_rules()
    print(f"{len(rules)} active rules loaded")

    # 2. Decisions on tickets created without routing (so step 3 can route them).
    with routing_unsubscribed():
        sample = drafts(rng, w, args.tickets)
        created = []
        for draft in sample:
            created.append(Ticket.objects.select_related(
                "organisation", "contact", "machine", "product_model", "product_module"
            ).get(pk=_create(agent, draft).pk))  # fmt: skip
    bodies = [draft.body for draft in sample]
    fired_at: list[int] = []
    decision_ms = []
    for ticket, body in zip(created, bodies, strict=True):
        start = time.perf_counter()
        decision = decide(facts_of(ticket, body=body), rules)
        decision_ms.append((time.perf_counter() - start) * 1000)
        fired_at.append(rules.index(decision.fired[0]) + 1 if decision.fired else 0)
    tried = [n for n in fired_at if n] or [0]
    print(f"matching rule: number {min(tried)} to {max(tried)} of {len(rules)} (median "
          f"{statistics.median(tried):.0f}); {fired_at.count(0)} tickets matched none")  # fmt: skip

    # 3. Full route(): revision read + decision + writes, one transaction per ticket.
    route_ms = []
    for ticket in created:
        start = time.perf_counter()
        with transaction.atomic():
            route(ticket)
        route_ms.append((time.perf_counter() - start) * 1000)

    # 4b. Creation with the rules (every ticket is routed, with its writes).
    with_rules, _, rules_queries = create_many(agent, drafts(rng, w, args.creations))

    print()
    print(_ms_line(f"decision through {len(rules)} rules (facts + decide)", decision_ms, TARGET_MS))
    print(_ms_line("route(): revision read, decision and writes", route_ms))
    print(_ms_line(f"create_ticket, routing unsubscribed ({base_queries} queries)", base))
    print(_ms_line(f"create_ticket, no rules ({empty_queries} queries)", empty))
    print(_ms_line(f"create_ticket, {len(rules)} rules, routed ({rules_queries} queries)", with_rules))
    print(_ms_line("routing's subscriber alone, no rules (0 queries)", subscriber_ms))
    extra = statistics.median(empty) - statistics.median(base)
    print(
        f"routing's extra cost per creation without rules: {extra:+.3f} ms (median), "
        f"{empty_queries - base_queries:+d} queries"
    )


def _subscriber_alone(tickets: list[Any]) -> list[float]:
    """What routing adds to a creation when there are no rules: its subscriber, timed on its own."""
    from serviceloop.core.events import TICKET_CREATED, DomainEvent
    from serviceloop.routing.subscribers import route_new_ticket

    times = []
    for ticket in tickets:
        event = DomainEvent(name=TICKET_CREATED, ticket_id=ticket.pk, ticket=ticket)
        start = time.perf_counter()
        route_new_ticket(event)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _create(agent: Any, draft: Any) -> Any:
    from serviceloop.tickets.services import create_ticket

    return create_ticket(agent, draft)


if __name__ == "__main__":
    sys.exit(main())
