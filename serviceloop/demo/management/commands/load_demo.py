import time

from django.core.management.base import BaseCommand, CommandError

from serviceloop.demo.people import logins_table
from serviceloop.demo.services import DEFAULT_SEED, load_demo


class Command(BaseCommand):
    help = "Load the demo data (customers, catalogue, logins, tickets) once; does nothing if it is there."

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, default=300, help="How many tickets (default 300)")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed: same seed, same data"
        )

    def handle(self, *args, **options):
        if options["tickets"] < 0:
            raise CommandError("--tickets must be 0 or more.")
        started = time.monotonic()

        def progress(done: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done} tickets")

        if not load_demo(options["tickets"], options["seed"], progress):
            self.stdout.write("Demo data already loaded.")
            return
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded: {options['tickets']} tickets in {seconds:.1f} s.")
        )
        self.stdout.write("Demo logins (password = username + '-demo'):\n" + logins_table())
