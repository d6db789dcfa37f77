import uuid

from django.db import models


class RoutingRevision(models.Model):
    """One row whose revision is renewed by every change of any routing rule.

    Every process keeps the active rules in memory and reads this revision with the service levels'
    own (one query per new ticket for both); a new one means reload. There is no row until the first
    rule is saved, so a desk without rules never loads any."""

    revision = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.revision)

    @classmethod
    def renew(cls) -> None:
        if not cls.objects.filter(pk=1).update(revision=uuid.uuid4()):
            cls.objects.get_or_create(pk=1)
