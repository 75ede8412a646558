"""The registry of personal data: what each app holds about a person, to export it and to erase it.

"My data" gives a person everything the platform holds about them, and deleting an account erases it.
Only the app that stores some personal data knows where it is, so each app registers two functions
under a section name, once, when Django starts::

    # mobilization/initiatives/apps.py
    class InitiativesConfig(AppConfig):
        def ready(self):
            from mobilization.accounts import personal_data
            from mobilization.initiatives import services

            personal_data.register(
                "initiatives",
                exporter=services.export_personal_data,    # (user) -> dict, JSON-serialisable
                anonymiser=services.anonymise_personal_data,  # (user) -> None
            )

The contract:

- `exporter(user) -> dict` returns what the app holds about `user`, as plain values (str, int, float,
  bool, None, lists, dicts; dates and datetimes, Decimal and UUID are turned into strings). Say things
  in the person's words: `{"registrations": [{"event": "Repair café", "registered_at": ...}]}`.
  It reads only; it must not write the audit log (the export view does that, once).
- `anonymiser(user) -> None` erases the person's personal data from the app's rows, in the same
  transaction as the account deletion. Keep what others need and that is not personal (an
  initiative's description stays, its author shows as "Former member" through `public_name()`),
  delete what has no use without the person (their registrations, their private messages), and never
  delete the `User` row: foreign keys to it must survive. It runs *before* the accounts app erases the
  account itself, so `user.email` is still readable if the app needs it to find rows.
- Either function may be omitted; the section name must be unique (registering it twice raises).
"""

from collections.abc import Callable
from dataclasses import dataclass

Exporter = Callable[[object], dict]
Anonymiser = Callable[[object], None]


@dataclass(frozen=True)
class PersonalDataSection:
    name: str
    exporter: Exporter | None
    anonymiser: Anonymiser | None


class AlreadyRegistered(Exception):
    pass


_sections: dict[str, PersonalDataSection] = {}


def register(name: str, *, exporter: Exporter | None = None, anonymiser: Anonymiser | None = None) -> None:
    """Declare the personal data an app holds. Call it from the app's `AppConfig.ready()`."""
    if name in _sections:
        raise AlreadyRegistered(f"A personal data section named {name!r} is already registered.")
    _sections[name] = PersonalDataSection(name=name, exporter=exporter, anonymiser=anonymiser)


def unregister(name: str) -> None:
    """Remove a section (for tests)."""
    _sections.pop(name, None)


def sections() -> list[PersonalDataSection]:
    return list(_sections.values())


def export(user) -> dict[str, dict]:
    """Every registered section's export for `user`, by section name, in registration order."""
    return {section.name: section.exporter(user) for section in _sections.values() if section.exporter}


def anonymise(user) -> None:
    """Run every registered anonymiser for `user`, in registration order."""
    for section in _sections.values():
        if section.anonymiser:
            section.anonymiser(user)
