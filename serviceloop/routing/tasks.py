from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .assignment.waiting import assign_waiting
from .offers import expire_due_offers


@db_periodic_task(crontab(minute="*/5"))
def assign_waiting_tickets() -> None:
    """Every five minutes, give tickets that waited for someone to be at work to who now is."""
    assign_waiting()


@db_periodic_task(crontab(minute="*"))
def expire_supplier_offers() -> None:
    """Every minute, hand tickets whose supplier did not answer its offer in time to our own expert."""
    expire_due_offers()
