from huey.contrib.djhuey import task

from . import outbound


@task(retries=5, retry_delay=60)
def send_ticket_mail(kind: str, ticket_id: int, message_id: int | None) -> None:
    outbound.send_ticket_mail(kind, ticket_id, message_id)
