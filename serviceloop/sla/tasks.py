import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .services import deadlines, replacing, tracking

logger = logging.getLogger(__name__)


@db_task()
def check_clock(clock_id: int) -> None:
    deadlines.check(clock_id)


@db_periodic_task(crontab(minute="*"))
def sweep_deadlines() -> None:
    """Every minute: fire what is past, and set a timer for each moment within the next minute."""
    now = timezone.now()
    for clock_id, moment in deadlines.coming_due(now):
        if moment > now:
            check_clock.schedule(args=(clock_id,), eta=moment)
            continue
        try:
            deadlines.check(clock_id, now)
        except Exception:
            # One clock that cannot be checked (say, a deadlock the database broke) must not keep the
            # others from firing; it is still due, so the next sweep tries it again.
            logger.exception("SLA clock %s could not be checked", clock_id)


@db_task()
def rematch_open_tickets(organisation_id: int | None = None, machine_id: int | None = None) -> None:
    """A customer's tier, country or region, or a machine's warranty, changed: the policy of each of
    their open tickets may be another one now."""
    tracking.rematch_open_tickets(organisation_id=organisation_id, machine_id=machine_id)


@db_task()
def replace_clocks(policy_id: int | None = None, calendar_id: int | None = None) -> None:
    replacing.replace_running(policy_id=policy_id, calendar_id=calendar_id)
