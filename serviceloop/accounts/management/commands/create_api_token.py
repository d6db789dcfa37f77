from django.core.management.base import BaseCommand, CommandError

from serviceloop.accounts.models import User
from serviceloop.accounts.services import issue_api_token


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for")

    def handle(self, *args, **options):
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user called {options['username']!r}.") from exc
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is inactive; activate them first.")
        self.stdout.write(issue_api_token(user, name=options["name"]))
