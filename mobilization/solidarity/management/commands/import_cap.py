"""`manage.py import_cap FILE`: create or update an extreme event from a CAP 1.2 alert.

Prints the event it created, updated or cancelled, or the reason the file was refused; exits with a
non-zero status on refusal (1), so that a script fetching alerts knows."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mobilization.core.errors import DomainError
from mobilization.solidarity import cap, cap_import


class Command(BaseCommand):
    help = "Create, update or cancel an extreme event from a CAP 1.2 alert file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CAP 1.2 XML file.")

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            imported = cap_import.import_alert(data)
        except cap.CapError as error:
            raise CommandError(f"Refused ({error.code}): {error.message}") from error
        except DomainError as error:
            raise CommandError(f"Refused: {error.message}") from error
        event = imported.event
        districts = ", ".join(d.code for d in event.districts.order_by("number"))
        self.stdout.write(
            f"Event #{event.pk} {imported.action}: {event.hazard}, {event.level}, {event.status}; "
            f"arrondissements {districts}."
        )
