"""The prefect's extract of the registry: produce it, check its link, write its rows.

The law (CASF L121-6-1 and R121-8) lets the prefect, once their alert plan is triggered, ask the
mayor for the registry of the people concerned; nothing else may be done with this extract. A
coordinator produces it for an event that is not closed, for the arrondissements of the event that
they follow. The record says who, when, which event and arrondissements, how many people; the file is
built from the registry when it is downloaded (decrypting the sensitive fields only here), and every
person in it gets a line in the read log ("the prefect's extract"). The link expires after
`SOLIDARITY_EXTRACT_MINUTES` (15 by default).
"""

import csv
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from mobilization.core import audit
from mobilization.core.errors import DomainError
from mobilization.core.models import AuditEvent
from mobilization.core.spreadsheet import spreadsheet_safe
from mobilization.solidarity import services
from mobilization.solidarity.models import (
    Absence,
    ContactMode,
    ExtremeEvent,
    Language,
    PrefectExtract,
    VulnerableResident,
)

READ_PART = "prefect_extract"


def link_lifetime() -> timedelta:
    return timedelta(minutes=getattr(settings, "SOLIDARITY_EXTRACT_MINUTES", 15))


class ExtractExpired(DomainError):
    pass


def districts_for(event: ExtremeEvent, user) -> list:
    """The event's arrondissements that the coordinator follows (all of them for a city-wide one)."""
    districts = event.districts.order_by("number")
    followed = None if user.is_superuser else services.coordinator_districts(user)
    return list(districts if followed is None else districts.filter(pk__in=followed))


def residents_in(districts, now: datetime | None = None):
    """The registered people of these arrondissements: with their consent, and confirmed in time."""
    now = now or timezone.now()
    return VulnerableResident.objects.filter(
        district__in=districts,
        consent_given_at__isnull=False,
        confirmed_at__gte=now - services.retention(),
    ).select_related("district")


def create_extract(event: ExtremeEvent, *, by, now: datetime | None = None) -> PrefectExtract:
    """Record the extract for the prefect and open its link for a few minutes."""
    now = now or timezone.now()
    if event.status == ExtremeEvent.Status.CLOSED:
        raise DomainError(_("The event is closed: the prefect's extract is for an event under way."))
    districts = districts_for(event, by)
    if not districts:
        raise DomainError(_("You follow none of this event's arrondissements."))
    with transaction.atomic():
        extract = PrefectExtract.objects.create(
            event=event,
            created_by=by,
            created_at=now,
            expires_at=now + link_lifetime(),
            row_count=residents_in(districts, now).count(),
        )
        extract.districts.set(districts)
        audit.record(
            by,
            "solidarity.prefect_extract_created",
            extract,
            event=event.pk,
            districts=[d.number for d in districts],
            rows=extract.row_count,
        )
    return extract


@sensitive_variables()
def open_extract(extract: PrefectExtract, *, by, now: datetime | None = None) -> list[VulnerableResident]:
    """The people of the extract, for its download: refused once the link has expired. Every person in
    it gets a line in the read log, and the download one in the audit log."""
    now = now or timezone.now()
    if extract.has_expired(now):
        raise ExtractExpired(_("This link has expired: produce a new extract."))
    # The building access notes are not the prefect's: never decrypted here.
    people = residents_in(extract.districts.all(), now).defer("access_notes", "consent_wording")
    residents = list(people.order_by("district__number", "last_name", "pk"))
    actor = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor=actor,
                action="solidarity.resident_viewed",
                object_type=VulnerableResident._meta.label_lower,
                object_id=str(resident.pk),
                details={"part": READ_PART, "extract": extract.pk},
            )
            for resident in residents
        )
        PrefectExtract.objects.filter(pk=extract.pk).update(downloads=extract.downloads + 1)
        audit.record(by, "solidarity.prefect_extract_downloaded", extract, rows=len(residents))
    return residents


def header() -> list[str]:
    return [
        _("Last name"),
        _("First name"),
        _("Date of birth"),
        _("Why the person may register"),
        _("Address"),
        _("Arrondissement"),
        _("Phone"),
        _("Other phone"),
        _("Lives alone"),
        _("Has a tele-alarm"),
        _("Preferred contact"),
        _("Preferred time"),
        _("Languages"),
        _("Emergency contact"),
        _("Care service"),
        _("Away today"),
    ]


@sensitive_variables()
def csv_text(residents, today=None) -> str:
    """The extract as CSV (with a byte order mark, for spreadsheets), formulas neutralised. Built whole in
    a function whose variables an error report hides (a generator's would show them)."""
    return "".join(_csv_lines(residents, today))


def _phone(number: str) -> str:
    """+33199004321 as 01 99 00 43 21 without parsing (thousands of rows); others as the record shows them."""
    if len(number) == 12 and number.startswith("+33") and number[3:].isdigit():
        national = "0" + number[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    return VulnerableResident.readable_phone(number) if number else ""


def _csv_lines(residents, today=None) -> Iterator[str]:
    today = today or timezone.localdate()
    away = set(
        Absence.objects.filter(
            resident__in=[r.pk for r in residents], starts_on__lte=today, ends_on__gte=today
        ).values_list("resident_id", flat=True)
    )

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    yes, no = _("yes"), _("no")
    # The labels translated once (a lazy label per cell costs more than the rest of the row).
    category = {value: str(label) for value, label in VulnerableResident.Category.choices}
    contact = {value: str(label) for value, label in ContactMode.choices}
    time_of_day = {value: str(label) for value, label in VulnerableResident.PreferredTime.choices}
    language = {value: str(label) for value, label in Language.choices}
    yield "\ufeff" + writer.writerow(header())
    for r in residents:
        row = [
            r.last_name,
            r.first_name,
            r.date_of_birth.isoformat(),
            category.get(r.category, r.category),
            r.address,
            r.district.name,
            _phone(r.phone),
            _phone(r.other_phone),
            yes if r.lives_alone else no,
            yes if r.has_tele_alarm else no,
            contact.get(r.preferred_contact, r.preferred_contact),
            time_of_day.get(r.preferred_time, r.preferred_time),
            ", ".join(language.get(code, code) for code in r.languages),
            r.emergency_contact,
            r.care_service,
            yes if r.pk in away else no,
        ]
        yield writer.writerow([spreadsheet_safe(str(cell)) for cell in row])
