from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .services import deadlines, tracking


@db_task()
def check_clock(clock_id: int) -> None:
    deadlines.check(clock_id)


@db_periodic_task(crontab(minute="*"))
def sweep_deadlines() -> None:
    """Every minute: fire what is past, and set a timer for each moment within the next minute."""
    now = timezone.now()
    for clock_id, moment in deadlines.coming_due(now):
        if moment <= now:
            deadlines.check(clock_id, now)
        else:
            check_clock.schedule(args=(clock_id,), eta=moment)


@db_task()
def rematch_open_tickets(organisation_id: int | None = None, machine_id: int | None = None) -> None:
    """A customer's tier, country or region, or a machine's warranty, changed: the policy of each of
    their open tickets may be another one now."""
    tracking.rematch_open_tickets(organisation_id=organisation_id, machine_id=machine_id)
