from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .maintenance import refresh_statistics


@db_periodic_task(crontab(hour="3", minute="17"))
def refresh_database_statistics() -> None:
    """Nightly: the SQLite planner's statistics, as the data grew during the day."""
    refresh_statistics()
