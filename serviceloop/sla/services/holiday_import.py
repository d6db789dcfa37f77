"""Holidays and worked days of a business calendar, imported from an iCalendar (.ics) feed.

Public-holiday feeds (Google, Apple, Outlook, the Chinese 节假日 feeds) publish each holiday as an
all-day VEVENT. The rules:

- An all-day event (DTSTART is a date) closes every day from DTSTART up to DTEND, exclusive (or for
  DURATION days; one day when it has neither).
- RRULE:FREQ=YEARLY that repeats on the same date forever (no COUNT, UNTIL or INTERVAL > 1, no BY
  rule but the start's own month and day) makes its days yearly holidays. Any other repeat rule
  imports its first occurrence only, and says so; EXDATE and RDATE are not read.
- An event whose SUMMARY or CATEGORIES holds one of `WORKED_DAY_MARKERS` is a worked day (补班): an
  ExtraWorkingDay. New ones work Monday's hours (the model's default, what a moved weekday means
  when every weekday has the same hours); an administrator's later choice survives re-imports.
- A date that the file gives both as a holiday and as a worked day is worked: the worked day is the
  explicit exception (Chinese feeds list the 补班 apart from the holiday range), and the calendar
  arithmetic lets an extra working day win over a holiday too.
- Events with a time of day, cancelled events (STATUS:CANCELLED) and broken events are skipped, each
  with the reason in `ImportResult.problems`. TRANSP, CLASS and the like are ignored.

Importing the same file again changes nothing; names are updated, rows never duplicated. A yearly
holiday is never turned into a one-off by a feed that lists single years. Nothing is deleted
unless `replace_from` is given: then the one-off holidays and worked days from that date on that
the file does not name are removed (yearly holidays stay). All of it happens in one transaction,
and the calendar's revision is touched once at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from icalendar import Calendar, vRecur

from serviceloop.core.errors import InvalidInput

from ..models import BusinessCalendar, ExtraWorkingDay, Holiday
from .replacing import after_change

MAX_BYTES = 2 * 1024 * 1024
# More than any real feed (a country's holidays for decades), few enough for one transaction.
MAX_DAYS = 10_000
MAX_DAYS_PER_EVENT = 366
# Lower-case text that marks an event as a worked day; "non-working day" is a holiday (see _is_worked).
WORKED_DAY_MARKERS = ("补班", "上班", "调休上班", "working day", "workday", "work day")
# A latin marker starts a word ("network day" is none); "non-working day", as Russian and other feeds
# call a bridge holiday, is a holiday.
_WORKED = re.compile(
    r"(?<!\bnon)(?<!\bnon-)(?<!\bnon )(?:"
    + "|".join((r"\b" if m.isascii() else "") + re.escape(m) for m in WORKED_DAY_MARKERS)
    + ")"
)
_NAME_LENGTH = Holiday._meta.get_field("name").max_length or 100
_BATCH = 500


@dataclass
class ImportResult:
    """Rows (one per day) added, updated, unchanged and removed; events skipped; and one line per
    problem: why an event was skipped, or what was imported otherwise than the file says."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class _Day:
    """What the file says of one date."""

    names: list[str] = field(default_factory=list)
    yearly: bool = False

    @property
    def name(self) -> str:
        return " / ".join(dict.fromkeys(n for n in self.names if n))[:_NAME_LENGTH]


@dataclass
class _Feed:
    holidays: dict[date, _Day] = field(default_factory=dict)
    worked: dict[date, _Day] = field(default_factory=dict)
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


class _Skip(Exception):
    """An event that cannot be imported; the message says why."""


def import_holidays(
    calendar: BusinessCalendar, data: bytes, *, replace_from: date | None = None
) -> ImportResult:
    """Add the holidays and worked days of the iCalendar file `data` to `calendar`.

    Raises InvalidInput, and writes nothing, when `data` is not an iCalendar file."""
    feed = _read_feed(data)
    if replace_from is not None and not (feed.holidays or feed.worked):
        raise InvalidInput(
            _(
                "The file has no whole-day events, so replacing from %(date)s would only delete days. "
                "Nothing was changed."
            )
            % {"date": replace_from.isoformat()},
            field="replace_from",
        )
    result = ImportResult(skipped=feed.skipped, problems=feed.problems)
    with transaction.atomic():
        # Two imports at once would both add the same dates and one would fail on the unique key.
        BusinessCalendar.objects.select_for_update().only("pk").get(pk=calendar.pk)
        _write_holidays(calendar, feed.holidays, replace_from, result)
        remaining_worked = _write_worked_days(calendar, feed.worked, replace_from, result)
        if result.added or result.updated or result.removed:
            calendar.touch()
            after_change(calendar_id=calendar.pk)
    for day in sorted(set(feed.holidays) & remaining_worked):
        result.problems.append(
            _("%(date)s stays open: this calendar has an extra working day on it, which outweighs a holiday.")
            % {"date": day.isoformat()}
        )
    return result


# Reading the file.


def _read_feed(data: bytes) -> _Feed:
    """The days `data` names, or InvalidInput when it is not an iCalendar file."""
    feed = _Feed()
    for event in _parse(data).subcomponents:
        if event.name != "VEVENT":
            continue
        _read_event(event, feed)
        # Checked as it grows: a 2 MB file of year-long events would otherwise name millions of days.
        if len(feed.holidays) + len(feed.worked) > MAX_DAYS:
            raise InvalidInput(
                _("The file names more than %(limit)s days; import a shorter feed.") % {"limit": MAX_DAYS},
                field="file",
            )
    for day in set(feed.holidays) & set(feed.worked):
        feed.problems.append(
            _("%(date)s is both a holiday and a worked day in the file; it is imported as a worked day.")
            % {"date": day.isoformat()}
        )
        del feed.holidays[day]
    return feed


def _parse(data: bytes) -> Calendar:
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            _("The file is larger than %(limit)s MB; a holiday feed is far smaller. Is it the right file?")
            % {"limit": MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    if not data.strip():
        raise InvalidInput(_("The file is empty; choose an iCalendar (.ics) file."), field="file")
    try:
        text = data.decode("utf-8-sig")  # iCalendar is UTF-8 (RFC 5545); some exports add a BOM
    except UnicodeDecodeError:
        raise InvalidInput(
            _("The file is not UTF-8 text, so it is not an iCalendar file."), field="file"
        ) from None
    if "\x00" in text:  # no database stores it in a name, and no real feed holds one
        raise InvalidInput(_("The file holds a NUL character, so it is not an iCalendar file."), field="file")
    try:
        parsed = Calendar.from_ical(text)
    except ValueError as exc:  # the parser's own errors, RFC syntax and structure alike
        raise InvalidInput(
            _("The file is not valid iCalendar: %(error)s") % {"error": str(exc)[:200]}, field="file"
        ) from None
    if parsed.name != "VCALENDAR":
        raise InvalidInput(
            _("The file is not an iCalendar calendar: it must begin with BEGIN:VCALENDAR."), field="file"
        )
    return parsed


def _read_event(event: Any, feed: _Feed) -> None:
    name = _text(event.get("SUMMARY"))[:_NAME_LENGTH]
    label = _label(name, event)
    try:
        start = _start(event)
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            raise _Skip(_("skipped, the event is cancelled."))
        days = _length(event, start)
        yearly = _is_fixed_yearly(event.get("RRULE"), start)
    except _Skip as skip:
        feed.skipped += 1
        feed.problems.append(f"{label}: {skip}")
        return
    if "RRULE" in event and not yearly:
        feed.problems.append(
            f"{label}: "
            + _(
                "its repeat rule (RRULE) is not the same date every year; only its first dates were imported."
            )
        )
    if "EXDATE" in event or "RDATE" in event:
        feed.problems.append(f"{label}: " + _("EXDATE and RDATE are not supported and were ignored."))
    target = feed.worked if _is_worked(name, _categories(event)) else feed.holidays
    for offset in range(days):
        day = target.setdefault(start + timedelta(days=offset), _Day())
        day.names.append(name)
        day.yearly = day.yearly or yearly


def _label(name: str, event: Any) -> str:
    """How a problem names the event: its summary, and its start's date when there is one."""
    label = f"“{name}”" if name else _("An event without a summary")
    try:
        return f"{label} ({event['DTSTART'].dt:%Y-%m-%d})"
    except (KeyError, AttributeError, ValueError, TypeError):
        return label


def _start(event: Any) -> date:
    try:
        start = event["DTSTART"].dt
    except (KeyError, AttributeError, ValueError):  # missing, repeated, or unreadable
        raise _Skip(_("skipped, it has no valid start date (DTSTART).")) from None
    if isinstance(start, datetime):
        raise _Skip(_("skipped, it starts at a time of day; only whole-day events are imported."))
    if not isinstance(start, date):
        raise _Skip(_("skipped, it has no valid start date (DTSTART)."))
    return start


def _length(event: Any, start: date) -> int:
    """How many days the event closes: DTEND exclusive, else DURATION, else one."""
    try:
        if "DTEND" in event:
            end = event["DTEND"].dt
            if isinstance(end, datetime) or not isinstance(end, date):
                raise _Skip(_("skipped, its end (DTEND) is not a date like its start."))
            days = (end - start).days
        elif "DURATION" in event:
            duration = event["DURATION"].dt
            if not isinstance(duration, timedelta):
                raise _Skip(_("skipped, its DURATION is not a length of time."))
            days = duration.days + bool(duration.seconds or duration.microseconds)
        else:
            days = 1
    except (AttributeError, ValueError):
        raise _Skip(_("skipped, its end (DTEND or DURATION) cannot be read.")) from None
    if days > MAX_DAYS_PER_EVENT:
        raise _Skip(_("skipped, it lasts more than %(limit)s days.") % {"limit": MAX_DAYS_PER_EVENT})
    days = max(days, 1)  # an end on or before the start is a one-day event written carelessly
    try:
        start + timedelta(days=days - 1)
    except OverflowError:
        raise _Skip(_("skipped, its dates are beyond the year 9999.")) from None
    return days


def _is_fixed_yearly(rule: Any, start: date) -> bool:
    """Whether `rule` repeats the event on its start's month and day every year, for ever."""
    if not isinstance(rule, vRecur):  # none, repeated, or unreadable
        return False
    values = {key.upper(): [str(v).upper() for v in value] for key, value in rule.items()}
    values.pop("WKST", None)  # the week's first day means nothing to a rule without weeks
    fixed = {
        "FREQ": ["YEARLY"],
        "INTERVAL": ["1"],
        "BYMONTH": [str(start.month)],
        "BYMONTHDAY": [str(start.day)],
    }
    return values.get("FREQ") == ["YEARLY"] and all(fixed.get(key) == value for key, value in values.items())


def _is_worked(name: str, categories: Iterable[str]) -> bool:
    return any(_WORKED.search(" ".join(text.lower().split())) for text in (name, *categories))


def _categories(event: Any) -> list[str]:
    found = event.get("CATEGORIES")
    values = found if isinstance(found, list) else [found] if found is not None else []
    return [_text(cat) for value in values for cat in getattr(value, "cats", [value])]


def _text(value: Any) -> str:
    """A property's text on one line; SUMMARY may be folded or hold escaped line breaks."""
    return "" if value is None or isinstance(value, list) else " ".join(str(value).split())


# Writing the rows.


def _write_holidays(
    calendar: BusinessCalendar, days: dict[date, _Day], replace_from: date | None, result: ImportResult
) -> None:
    existing = {h.date: h for h in Holiday.objects.filter(calendar=calendar)}
    yearly = {(h.date.month, h.date.day): h for h in existing.values() if h.yearly}
    new, changed, seen = [], [], set()
    for day, wanted in sorted(days.items()):
        row = existing.get(day) or (yearly.get((day.month, day.day)) if wanted.yearly else None)
        if row is None:
            new.append(Holiday(calendar=calendar, date=day, name=wanted.name, yearly=wanted.yearly))
            continue
        if row.pk in seen:  # a yearly row that an earlier date of the same month and day matched
            continue
        seen.add(row.pk)
        name, is_yearly = wanted.name or row.name, row.yearly or wanted.yearly
        if (name, is_yearly) == (row.name, row.yearly):
            result.unchanged += 1
        else:
            row.name, row.yearly = name, is_yearly
            changed.append(row)
    stale = [
        h.pk
        for h in existing.values()
        if replace_from is not None and not h.yearly and h.date >= replace_from and h.pk not in seen
    ]
    _save(Holiday, new, changed, ["name", "yearly"], stale, result)


def _write_worked_days(
    calendar: BusinessCalendar, days: dict[date, _Day], replace_from: date | None, result: ImportResult
) -> set[date]:
    """Write the worked days; return the dates of the calendar's worked days the file does not name."""
    existing = {d.date: d for d in ExtraWorkingDay.objects.filter(calendar=calendar)}
    new, changed = [], []
    for day, wanted in sorted(days.items()):
        row = existing.get(day)
        if row is None:
            new.append(ExtraWorkingDay(calendar=calendar, date=day, name=wanted.name))
        elif wanted.name and row.name != wanted.name:
            row.name = wanted.name
            changed.append(row)
        else:
            result.unchanged += 1
    others = {d for d in existing if d not in days}
    stale = [existing[d].pk for d in others if replace_from is not None and d >= replace_from]
    _save(ExtraWorkingDay, new, changed, ["name"], stale, result)
    return {d for d in others if replace_from is None or d < replace_from}


def _save(
    model: Any, new: list, changed: list, fields: list[str], stale: list[int], result: ImportResult
) -> None:
    # Bulk writes skip each row's save(), which would touch the calendar once per row.
    model.objects.bulk_create(new, batch_size=_BATCH)
    model.objects.bulk_update(changed, fields, batch_size=_BATCH)
    for at in range(0, len(stale), _BATCH):
        model.objects.filter(pk__in=stale[at : at + _BATCH]).delete()
    result.added += len(new)
    result.updated += len(changed)
    result.removed += len(stale)
