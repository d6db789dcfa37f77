"""`serviceloop import_holidays CALENDAR FILE`: a business calendar's holidays from an iCalendar feed."""

from argparse import ArgumentTypeError
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from serviceloop.core.errors import InvalidInput
from serviceloop.sla.models import BusinessCalendar
from serviceloop.sla.services.holiday_import import MAX_BYTES, import_holidays


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Import the whole-day events of an iCalendar (.ics) file as holidays and worked days of a "
        "business calendar. Nothing is deleted unless --replace-from is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("calendar", metavar="CALENDAR_NAME", help="The business calendar's name.")
        parser.add_argument("file", metavar="FILE", help="The .ics file.")
        parser.add_argument(
            "--replace-from",
            metavar="YYYY-MM-DD",
            type=_iso_date,
            help="Remove one-off holidays and worked days from this date on that the file does not name.",
        )

    def handle(self, *args, **options):
        try:
            calendar = BusinessCalendar.objects.get(name=options["calendar"])
        except BusinessCalendar.DoesNotExist:
            known = ", ".join(BusinessCalendar.objects.values_list("name", flat=True)) or "none"
            raise CommandError(
                f"No business calendar is named {options['calendar']!r} (known: {known})."
            ) from None
        path = Path(options["file"])
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)  # one byte more than allowed is enough to refuse it
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc.strerror or exc}") from None
        try:
            result = import_holidays(calendar, data, replace_from=options["replace_from"])
        except InvalidInput as exc:
            raise CommandError(f"{path}: {exc.message}") from None
        self.stdout.write(
            f"{calendar.name}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
            f"{result.removed} removed; events skipped: {result.skipped}."
        )
        for problem in result.problems:
            self.stderr.write(f"  {problem}")
