from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import sweep_due_reviews


@db_periodic_task(crontab(hour="2", minute="41"))
def flag_articles_due_for_review() -> None:
    """Nightly: published articles whose review date has come are flagged for their owners."""
    sweep_due_reviews()
