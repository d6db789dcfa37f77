import uuid

from django.db import models


class Revisioned(models.Model):
    """A row that marks each change with a new random revision, so a process keeping something
    derived from it knows to reload.

    A counter or a time stamp can come back (a row deleted and its id reused, a rolled-back
    transaction, two changes in one microsecond); a random UUID does not. It is never written from
    memory on a normal save, so a stale instance saved elsewhere cannot put an old revision back."""

    revision = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "revision"
            ]
        super().save(*args, **kwargs)
        self.touch()

    def touch(self) -> None:
        self.revision = uuid.uuid4()
        type(self)._default_manager.filter(pk=self.pk).update(revision=self.revision)


class RevisionedPart(models.Model):
    """A row that belongs to a Revisioned owner (a calendar's hours, a policy's targets): saving or
    deleting it is a change of the owner, so the owner gets a new revision."""

    owner_field = ""  # the name of the foreign key to the owner

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        getattr(self, self.owner_field).touch()

    def delete(self, *args, **kwargs):
        owner = getattr(self, self.owner_field)
        result = super().delete(*args, **kwargs)
        owner.touch()
        return result
