"""A table of one row whose revision any change renews, so each process knows when to reload what
it keeps in memory (the routing rules, the teams' rosters) with one small query."""

from __future__ import annotations

import uuid

from django.db import models


class SingleRevision(models.Model):
    revision = models.UUIDField(default=uuid.uuid4)
    objects: models.Manager[SingleRevision]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.revision)

    @classmethod
    def renew(cls) -> None:
        if not cls.objects.filter(pk=1).update(revision=uuid.uuid4()):
            cls.objects.get_or_create(pk=1)

    @classmethod
    def current(cls) -> uuid.UUID | None:
        return cls.objects.filter(pk=1).values_list("revision", flat=True).first()
