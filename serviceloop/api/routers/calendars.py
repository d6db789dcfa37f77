"""Business calendars: the opening hours, holidays and extra working days service-level clocks count
on. Staff may read them; supervisors, support managers and administrators may change them."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from serviceloop.sla.services import administration

from ..auth import actor
from ..errors import responses
from ..pagination import paginate
from ..schemas.common import PageQuery
from ..schemas.service_levels import CalendarIn, CalendarOut, CalendarPatch
from .directory import page_of

router = Router(tags=["service levels"])
CalendarPage = page_of(CalendarOut)


@router.get("/calendars", response=responses({200: CalendarPage}))
def list_calendars(request: HttpRequest, page: Query[PageQuery]):
    """Calendars by name (an empty list for partners and customers)."""
    calendars = administration.visible_calendars(actor(request))
    items, next_cursor = paginate(calendars, ["name"], cursor=page.cursor, limit=page.limit, tag="calendars")
    return {"items": items, "next_cursor": next_cursor}


@router.get("/calendars/{calendar_id}", response=responses({200: CalendarOut}, 404))
def read_calendar(request: HttpRequest, calendar_id: int):
    return administration.find_calendar(actor(request), calendar_id)


@router.post("/calendars", response=responses({201: CalendarOut}, 400, 403, 409))
def create_calendar(request: HttpRequest, payload: CalendarIn):
    user = actor(request)
    calendar = administration.create_calendar(user, payload.model_dump())
    return Status(201, administration.find_calendar(user, calendar.pk))


@router.patch("/calendars/{calendar_id}", response=responses({200: CalendarOut}, 400, 403, 404, 409))
def update_calendar(request: HttpRequest, calendar_id: int, payload: CalendarPatch):
    """Change the fields sent; opening_hours, holidays or extra_working_days sent replace all of theirs."""
    user = actor(request)
    calendar = administration.find_calendar(user, calendar_id)
    administration.change_calendar(user, calendar, payload.model_dump(exclude_unset=True))
    return administration.find_calendar(user, calendar_id)


@router.delete("/calendars/{calendar_id}", response=responses({204: None}, 403, 404, 409))
def delete_calendar(request: HttpRequest, calendar_id: int):
    """Delete a calendar that no SLA policy, target or ticket's clock counts on."""
    user = actor(request)
    administration.delete_calendar(user, administration.find_calendar(user, calendar_id))
    return Status(204, None)
