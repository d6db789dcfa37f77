"""`serviceloop recognise_contributors [--quarter 2026Q3]`: thank a quarter's top contributors now.

What the quarterly task does, for the quarter just ended or the one named. A quarter already
recognised sends nothing again. Exit status: 0 when done (or done before), 2 for a bad quarter.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from serviceloop.core.errors import InvalidInput
from serviceloop.knowledge.services.contributions import Quarter
from serviceloop.knowledge.services.recognition import quarter_just_ended, recognise

EX_USAGE = 2


class Command(BaseCommand):
    help = (
        "Thank the top knowledge contributors of a quarter and send the managers the list, once per "
        "quarter. Exit status 0: done or done before; 2: bad arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quarter", help="like 2026Q3; the quarter just ended if left out")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quarter = Quarter.parse(options["quarter"]) if options["quarter"] else quarter_just_ended()
            record, sent = recognise(quarter)
        except InvalidInput as exc:
            raise CommandError(exc.message, returncode=EX_USAGE) from exc
        if not sent:
            self.stdout.write(f"{quarter} was recognised on {record.sent_at:%Y-%m-%d %H:%M}: nothing sent.")
            return
        names = ", ".join(f"{entry['rank']}. {entry['name']} ({entry['points']})" for entry in record.top)
        self.stdout.write(f"{quarter}: {names or 'nobody contributed, nothing sent'}.")
