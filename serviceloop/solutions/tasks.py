from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import verification_sweep


@db_periodic_task(crontab(minute="17"))
def sweep_verifications() -> None:
    """Hourly: remind customers who have not said whether the fix works, then resolve without them."""
    verification_sweep.sweep()
