"""Renewing the roster revision whenever who may work when changes (see models/roster.py).

Changes made with QuerySet.update() or bulk_create() send no signals: the roster's readers also
reload after a minute at most (routing/assignment/roster.py), so such a change is seen then."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Absence, PersonalHours, RosterRevision, Skills, Team, TeamHours, User

_ROSTER_MODELS = (Absence, PersonalHours, Skills, Team, TeamHours)


def _renew(**_: Any) -> None:
    RosterRevision.renew()


def _user_saved(update_fields: Any = None, **kwargs: Any) -> None:
    # Signing in saves last_login only: nothing assignment reads, and it happens all day.
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return
    RosterRevision.renew()


def _m2m_changed(action: str, **_: Any) -> None:
    if action.startswith("post_"):
        RosterRevision.renew()


def connect() -> None:
    for model in _ROSTER_MODELS:
        post_save.connect(_renew, sender=model, dispatch_uid=f"roster-save-{model.__name__}")
        post_delete.connect(_renew, sender=model, dispatch_uid=f"roster-delete-{model.__name__}")
    post_save.connect(_user_saved, sender=User, dispatch_uid="roster-save-User")
    post_delete.connect(_renew, sender=User, dispatch_uid="roster-delete-User")
    m2m_changed.connect(_m2m_changed, sender=Team.members.through, dispatch_uid="roster-members")
    m2m_changed.connect(_m2m_changed, sender=Skills.product_lines.through, dispatch_uid="roster-lines")
