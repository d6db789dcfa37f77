import uuid

from django.db import models


class RosterRevision(models.Model):
    """One row whose revision is renewed by every change of who may work when: teams and their
    members, people's role, activity and time zone, skills, working hours and absences.

    Assignment keeps each team's roster in memory and reads this revision (one small query) to know
    it is still right; the renewing is done by signals (accounts/signals.py)."""

    revision = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.revision)

    @classmethod
    def renew(cls) -> None:
        if not cls.objects.filter(pk=1).update(revision=uuid.uuid4()):
            cls.objects.get_or_create(pk=1)

    @classmethod
    def current(cls) -> uuid.UUID | None:
        return cls.objects.filter(pk=1).values_list("revision", flat=True).first()
