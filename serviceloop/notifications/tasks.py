from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services


@db_task()
def mail_notifications(notification_ids: list[int]) -> None:
    for notification_id in notification_ids:
        services.send_mail(notification_id)


@db_periodic_task(crontab(minute="*/5"))
def mail_waiting_notifications() -> None:
    """Every five minutes, mail what is still waiting (a lost task, or a server that said later)."""
    for notification_id in services.waiting_mail():
        services.send_mail(notification_id)
