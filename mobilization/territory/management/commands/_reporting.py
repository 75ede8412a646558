"""How the import commands talk: progress while reading, then each file's report."""

from django.core.management import BaseCommand, CommandError

from mobilization.core.errors import DomainError
from mobilization.core.importing import ImportReport


def progress_printer(command: BaseCommand, verbosity: int):
    def progress(file_name: str, done: int, total: int) -> None:
        if verbosity >= 1:
            command.stdout.write(f"{file_name}: {done}/{total} rows read…")

    return progress


def write_reports(command: BaseCommand, reports: list[ImportReport], verbosity: int) -> None:
    """The summary of each file in green, then every row that fell back or was skipped (-v 0: silent)."""
    if verbosity == 0:
        return
    for report in reports:
        summary, *details = report.lines()
        command.stdout.write(command.style.SUCCESS(summary))
        for line in details:
            command.stdout.write(line)


def run_import(command: BaseCommand, do_import, verbosity: int) -> list[ImportReport]:
    """Run an import; a file it refuses becomes a CommandError (and nothing was written)."""
    try:
        reports = do_import()
    except DomainError as error:  # a file refused (ImportFileError), or an import that cannot run yet
        raise CommandError(str(error)) from error
    write_reports(command, reports, verbosity)
    return reports
