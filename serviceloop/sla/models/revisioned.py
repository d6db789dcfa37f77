from django.db import models


class Revisioned(models.Model):
    """A row that counts its changes, so a process keeping something derived from it knows to reload.

    A time stamp could repeat and a stale instance saved elsewhere could write an older count back;
    here the count is only ever raised by the database, never written from memory."""

    revision = models.PositiveIntegerField(default=1, editable=False)

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
        rows = type(self)._default_manager.filter(pk=self.pk)
        rows.update(revision=models.F("revision") + 1)
        self.revision = rows.values_list("revision", flat=True).get()
