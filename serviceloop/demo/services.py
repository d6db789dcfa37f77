"""Loading the demo world: catalogue, customers, people, tickets in every stage of their life, and a
knowledge base."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from serviceloop.customers.models import Organisation
from serviceloop.tickets.models import Ticket

from .cast import Cast, load_cast
from .catalogue import create_catalogue
from .directory import MARKER_ORGANISATION, create_directory
from .knowledge import create_knowledge
from .mail import receive_demo_mail
from .people import create_people
from .plans import make_plan
from .routing import create_routing, suppliers_take_their_share
from .service_levels import create_service_levels
from .story import Story

DEFAULT_SEED = 2026


def is_loaded() -> bool:
    return Organisation.objects.filter(name=MARKER_ORGANISATION).exists()


@contextmanager
def offline_side_effects() -> Iterator[None]:
    """Let the services' reactions run, but keep their mail inside this process.

    Creating a ticket and replying queue a customer mail through `transaction.on_commit` -> Huey.
    With the normal queue (SqliteHuey or Redis) hundreds of demo mails would wait for the worker and
    go out over SMTP to made-up addresses once it starts. Immediate mode runs each task at commit
    time in this process, and the locmem backend keeps the mail in memory, so nothing leaves the
    machine and nothing stays queued.
    """
    immediate, huey_log = HUEY.immediate, logging.getLogger("huey")
    log_level = huey_log.level
    HUEY.immediate = True
    huey_log.setLevel(logging.WARNING)  # a line per demo mail would bury the logins table
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield
    finally:
        HUEY.immediate = immediate
        huey_log.setLevel(log_level)


def create_base_data(seed: int = DEFAULT_SEED) -> None:
    """Catalogue, customers, teams and logins, without tickets."""
    rng = random.Random(seed)
    create_catalogue()
    create_directory(rng)
    create_people()
    create_service_levels()
    create_routing()


def ensure_base_data(seed: int = DEFAULT_SEED) -> Cast:
    """The demo world to hang generated tickets on; created if it is not there yet."""
    if not is_loaded():
        with transaction.atomic():
            create_base_data(seed)
    return load_cast()


def create_tickets(
    count: int, seed: int = DEFAULT_SEED, progress: Callable[[int], None] | None = None
) -> int:
    """Play `count` ticket lives through the services, oldest first so numbers follow time."""
    rng = random.Random(seed + 1)
    cast = load_cast()
    # A minute of slack: the services refuse received_at in the future, and steps end before now.
    now = timezone.now() - timedelta(minutes=1)
    plans = sorted((make_plan(rng, cast, now) for _ in range(count)), key=lambda p: p.received_at)
    open_by_org: dict[int, list[Ticket]] = {}
    for done, plan in enumerate(plans, start=1):
        Story(rng, cast, plan, open_by_org).run(now)
        if progress and done % 50 == 0:
            progress(done)
    return count


def load_demo(
    tickets: int = 300, seed: int = DEFAULT_SEED, progress: Callable[[int], None] | None = None
) -> bool:
    """Load the demo data once; False (and nothing changed) when it is already there."""
    if is_loaded():
        return False
    with offline_side_effects(), transaction.atomic():
        create_base_data(seed)
        create_tickets(tickets, seed, progress)
        receive_demo_mail()
        suppliers_take_their_share()
        create_knowledge()
    return True
