"""The registry of vulnerable residents and the buddies' profiles: what people and coordinators do.

Registration is voluntary and explicit: the service records the wording of the consent that was shown,
its version, who gave it and when, and sends the acknowledgement at once (the law allows eight days).
Withdrawing erases the record, with its absences; the audit log keeps only that record #n was erased,
by whom and when. A yearly reminder asks for a review; a record not confirmed within
`SOLIDARITY_RETENTION_DAYS` is deleted by a task. Nobody is enrolled from another file: every record is
made here, by a person who filled in the form.

Nothing sensitive leaves this module in an audit record or a notification: records are named by
number, and the messages say only that there is something to see, with a link to a signed-in page.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from mobilization.accounts import consents as account_consents
from mobilization.core import audit, roles
from mobilization.core.errors import AlreadyDone, DomainError, NotAllowed
from mobilization.core.transitions import lock, transition
from mobilization.notifications.services import notify
from mobilization.solidarity import buddies
from mobilization.solidarity.models import (
    Absence,
    BuddyProfile,
    CoordinatorScope,
    VulnerableResident,
    rounded_point,
)
from mobilization.territory import services as territory

RegisteredBy = VulnerableResident.RegisteredBy

# The wording each kind of registrant agrees to. Keep old versions when a wording changes: records
# point to them by version. The person's own wording is the accounts app's (the privacy page's).
BEHALF_VERSION = "2026-12-behalf"
PHONE_VERSION = "2026-12-phone"
BEHALF_WORDING = gettext_lazy(
    "The person I register has asked me to, or agreed, to be registered as a vulnerable resident so that "
    "volunteers and the city can check on them during an extreme event. I have told them that they can "
    "withdraw at any time, by calling the city or on this site."
)
PHONE_WORDING = gettext_lazy(
    "The person agreed, on the phone, to be registered as a vulnerable resident so that volunteers and "
    "the city can check on them during an extreme event; the wording was read to them and they were told "
    "that they can withdraw at any time."
)

# The fields a person fills in; the services never take others from a form.
RESIDENT_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "category",
    "address",
    "access_notes",
    "phone",
    "other_phone",
    "languages",
    "lives_alone",
    "has_tele_alarm",
    "preferred_contact",
    "preferred_time",
    "emergency_contact",
    "care_service",
)


class OutsideTheCity(DomainError):
    pass


def consent_wording(registered_as: str) -> tuple[str, str]:
    """(version, wording) of the consent shown to this kind of registrant, in the current language."""
    if registered_as == RegisteredBy.SELF:
        wording = account_consents.current_wording(account_consents.Purpose.VULNERABLE_REGISTRATION)
        return wording.version, str(wording.text)
    if registered_as == RegisteredBy.STAFF_PHONE:
        return PHONE_VERSION, str(PHONE_WORDING)
    return BEHALF_VERSION, str(BEHALF_WORDING)


# --- Who sees what --------------------------------------------------------------------------------------


def coordinator_districts(user) -> set[int] | None:
    """The arrondissements (ids) a coordinator follows; None for the whole city (no scope set).

    Read once per user object: the list page asks it for every row."""
    if not hasattr(user, "_solidarity_districts"):
        scope = CoordinatorScope.objects.filter(coordinator_id=user.pk).first() if user.pk else None
        user._solidarity_districts = (
            None if scope is None else set(scope.districts.values_list("pk", flat=True))
        )
    return user._solidarity_districts


def residents_for_coordinator(user) -> QuerySet[VulnerableResident]:
    if user.is_superuser:
        return VulnerableResident.objects.all()
    return VulnerableResident.objects.in_districts(coordinator_districts(user))


def registrations_of(user) -> QuerySet[VulnerableResident]:
    """The person's own registration and those they made for others (not the ones taken by phone)."""
    from django.db.models import Q

    return (
        VulnerableResident.objects.filter(
            Q(account=user) | (Q(registered_by=user) & ~Q(registered_as=RegisteredBy.STAFF_PHONE))
        )
        .select_related("district")
        .order_by("-created_at", "pk")
    )


def record_read(user, resident: VulnerableResident, part: str = "record") -> None:
    """Write to the audit log that `user` read the resident's `part` ("record", "access_notes")."""
    audit.record(user, "solidarity.resident_viewed", resident, part=part)


# --- Registering ----------------------------------------------------------------------------------------


@sensitive_variables()
def _place(values: dict) -> dict:
    """The district of the exact point, then the point rounded (the exact one is not kept)."""
    lat, lon = values.pop("lat"), values.pop("lon")
    district = territory.district_at(lat, lon)
    if district is None:
        raise OutsideTheCity(_("This point is outside the city: the registry covers its residents only."))
    values["lat"], values["lon"] = rounded_point(lat, lon)
    values["district"] = district
    return values


@sensitive_variables()
def _resident_values(values: dict) -> dict:
    unknown = set(values) - {*RESIDENT_FIELDS, "lat", "lon"}
    if unknown:
        raise ValueError(f"not fields of a registration: {sorted(unknown)}")
    return _place(dict(values))


@transaction.atomic
@sensitive_variables()
def register_resident(*, by, registered_as: str, values: dict, absences=()) -> VulnerableResident:
    """Register a person, with the consent the registrant gave on the wording they were shown.

    `values` are the fields of RESIDENT_FIELDS with `lat` and `lon` (the exact point, which is rounded);
    `absences` are (from, until) pairs. Acknowledged at once to the account that registered the person.
    """
    if registered_as not in RegisteredBy.values:
        raise ValueError(registered_as)
    if registered_as == RegisteredBy.STAFF_PHONE and not roles.has_role(by, roles.SOLIDARITY_COORDINATOR):
        raise NotAllowed(_("Only solidarity coordinators take registrations by phone."))
    if registered_as == RegisteredBy.SELF:
        lock(by)  # two clicks at once make one registration
        if VulnerableResident.objects.filter(account=by).exists():
            raise AlreadyDone(_("You are already registered: you can change your registration."))
    version, wording = consent_wording(registered_as)
    now = timezone.now()
    resident = VulnerableResident.objects.create(
        **_resident_values(values),
        account=by if registered_as == RegisteredBy.SELF else None,
        registered_as=registered_as,
        registered_by=by,
        consent_version=version,
        consent_wording=wording,
        consent_given_at=now,
        confirmed_at=now,
    )
    Absence.objects.bulk_create(
        Absence(resident=resident, starts_on=start, ends_on=end) for start, end in absences
    )
    audit.record(by, "solidarity.resident_registered", resident, registered_as=registered_as)
    _acknowledge(resident)
    return resident


def _acknowledge(resident: VulnerableResident) -> None:
    """Tell the account that registered the person (and the person's own) that it is done.

    The message names no one and holds no detail: "a registration was recorded", and a link to the
    signed-in page. A registration taken by phone has no account to write to: the coordinator's page
    shows that the acknowledgement is to be posted."""
    if resident.registered_as == RegisteredBy.STAFF_PHONE:
        return
    notify(
        _told_of_changes(resident),
        "solidarity_registration_acknowledged",
        {"url": resident.get_absolute_url()},
    )
    VulnerableResident.objects.filter(pk=resident.pk).update(acknowledged_at=timezone.now())
    resident.acknowledged_at = timezone.now()


@transaction.atomic
@sensitive_variables()
def update_resident(resident: VulnerableResident, *, by, values: dict) -> VulnerableResident:
    """Change what the registration says; the audit log names the fields that changed, not their values."""
    lock(resident)
    new = _resident_values(values)
    changed = sorted(name for name, value in new.items() if getattr(resident, name) != value)
    for name, value in new.items():
        setattr(resident, name, value)
    resident.save()
    audit.record(by, "solidarity.resident_changed", resident, fields=changed)
    return resident


def confirm_registration(resident: VulnerableResident, *, by) -> VulnerableResident:
    """The person (or their registrant, or a coordinator after a call) says the record is still right."""
    return transition(
        resident,
        by=by,
        action="solidarity.registration_confirmed",
        allowed_from=None,
        changes={"confirmed_at": timezone.now(), "review_reminded_at": None},
    )


def _told_of_changes(resident: VulnerableResident) -> list:
    """The accounts a registration's messages go to: the person's own, and the registrant's unless it
    was taken by phone (staff are not told about the records they typed in)."""
    recipients = [resident.account]
    if resident.registered_as != RegisteredBy.STAFF_PHONE:
        recipients.append(resident.registered_by)
    return [user for user in recipients if user is not None]


@transaction.atomic
def withdraw_registration(resident: VulnerableResident, *, by) -> None:
    """Withdraw the registration: the record and its absences are erased, now.

    The person's own account and whoever registered them are told (no detail in the message)."""
    lock(resident)
    recipients = _told_of_changes(resident)
    audit.record(by, "solidarity.registration_withdrawn", resident)
    resident.delete()
    notify(recipients, "solidarity_registration_erased", {"url": ""})


def add_absence(resident: VulnerableResident, *, by, starts_on: date, ends_on: date) -> Absence:
    if ends_on < starts_on:
        raise DomainError(_("The absence ends before it starts."))
    absence = Absence.objects.create(resident=resident, starts_on=starts_on, ends_on=ends_on)
    audit.record(by, "solidarity.absence_added", resident)
    return absence


def remove_absence(absence: Absence, *, by) -> None:
    resident = absence.resident
    absence.delete()
    audit.record(by, "solidarity.absence_removed", resident)


# --- Review and retention -------------------------------------------------------------------------------


def review_after() -> timedelta:
    return timedelta(days=settings.SOLIDARITY_REVIEW_AFTER_DAYS)


def retention() -> timedelta:
    return timedelta(days=settings.SOLIDARITY_RETENTION_DAYS)


def send_review_reminders(now: datetime | None = None) -> int:
    """Ask for a review of every record confirmed more than a year ago and not yet reminded."""
    now = now or timezone.now()
    due = list(
        VulnerableResident.objects.filter(
            confirmed_at__lte=now - review_after(), review_reminded_at__isnull=True
        ).select_related("account", "registered_by")
    )
    for resident in due:
        notify(
            _told_of_changes(resident),
            "solidarity_registration_review",
            {"url": resident.get_absolute_url()},
        )
    VulnerableResident.objects.filter(pk__in=[resident.pk for resident in due]).update(review_reminded_at=now)
    return len(due)


@transaction.atomic
def delete_unconfirmed(now: datetime | None = None) -> int:
    """Delete the records not confirmed within the retention period; each deletion is audited."""
    now = now or timezone.now()
    expired = VulnerableResident.objects.filter(confirmed_at__lt=now - retention())
    numbers = list(expired.values_list("pk", flat=True))
    for number in numbers:
        audit.record(None, "solidarity.registration_expired", VulnerableResident(pk=number))
    VulnerableResident.objects.filter(pk__in=numbers).delete()
    return len(numbers)


# --- Personal data ("My data") ----------------------------------------------------------------------------


def export_personal_data(user) -> dict:
    """What "My data" says of the registry: the person's own registration without its contact details
    (the download may be left on a shared computer: the registration's own page shows them, signed in),
    and how many people they registered for others."""
    own = VulnerableResident.objects.filter(account=user).select_related("district").first()
    section: dict = {
        "registered_for_others": VulnerableResident.objects.filter(registered_by=user)
        .exclude(account=user)
        .count()
    }
    if own is not None:
        section["my_registration"] = {
            "number": own.pk,
            "first_name": own.first_name,
            "last_name": own.last_name,
            "date_of_birth": own.date_of_birth.isoformat(),
            "category": own.get_category_display(),
            "arrondissement": own.district.name,
            "languages": own.language_labels(),
            "lives_alone": own.lives_alone,
            "has_tele_alarm": own.has_tele_alarm,
            "preferred_contact": own.get_preferred_contact_display(),
            "preferred_time": own.get_preferred_time_display(),
            "absences": [
                {"from": absence.starts_on.isoformat(), "until": absence.ends_on.isoformat()}
                for absence in own.absences.all()
            ],
            "consent": {
                "version": own.consent_version,
                "wording": own.consent_wording,
                "given_at": own.consent_given_at.isoformat(),
            },
            "registered_at": own.created_at.isoformat(),
            "last_confirmed_at": own.confirmed_at.isoformat(),
            "contact_details": str(
                _(
                    "Address, phones, emergency contact, care service and access notes: "
                    "on your registration's page."
                )
            ),
        }
    profile = BuddyProfile.objects.filter(user=user).first()
    if profile is not None:
        section["buddy_profile"] = {
            "checkins_per_day": profile.checkins_per_day,
            "max_distance_km": profile.max_distance_km,
            "calls": profile.does_calls,
            "visits": profile.does_visits,
            "languages": profile.languages,
            "base": profile.get_base_display(),
            "away_until": profile.paused_until.isoformat() if profile.paused_until else None,
            "trained": buddies.is_trained_buddy(user),
        }
    return section


def anonymise_personal_data(user) -> None:
    """Deleting an account withdraws the person's own registration (it is erased) and their buddy profile.

    Records they made for somebody else stay: the consent was that person's, who keeps the protection;
    they are detached from the deleted account and followed by the coordinators."""
    own = VulnerableResident.objects.filter(account=user).first()
    if own is not None:
        audit.record(user, "solidarity.registration_withdrawn", own)
        own.delete()
    for resident in VulnerableResident.objects.filter(registered_by=user):
        audit.record(user, "solidarity.registrant_account_deleted", resident)
    VulnerableResident.objects.filter(registered_by=user).update(registered_by=None)
    BuddyProfile.objects.filter(user=user).delete()


# --- Buddies --------------------------------------------------------------------------------------------


def buddy_profile_of(user) -> BuddyProfile | None:
    return BuddyProfile.objects.filter(user=user).select_related("base_district").first()


BUDDY_FIELDS = ("checkins_per_day", "max_distance_km", "does_calls", "does_visits", "languages", "base")


@transaction.atomic
def save_buddy_profile(user, *, values: dict, district=None, lat=None, lon=None) -> BuddyProfile:
    """Create or change a volunteer's buddy profile. The base is their arrondissement's centre, or the
    point they chose (rounded; its arrondissement computed)."""
    values = {name: values[name] for name in BUDDY_FIELDS}
    if not (values["does_calls"] or values["does_visits"]):
        raise DomainError(_("Choose calls, visits or both."))
    if values["base"] == BuddyProfile.Base.OWN_POINT:
        if lat is None or lon is None:
            raise DomainError(_("Give the point you start from."))
        district = territory.district_at(lat, lon)
        if district is None:
            raise OutsideTheCity(_("This point is outside the city."))
        values["base_lat"], values["base_lon"] = rounded_point(lat, lon)
    else:
        if district is None:
            raise DomainError(_("Choose your arrondissement."))
        values["base_lat"], values["base_lon"] = rounded_point(district.centroid_lat, district.centroid_lon)
    values["base_district"] = district
    profile, created = BuddyProfile.objects.update_or_create(user=user, defaults=values)
    audit.record(
        user, "solidarity.buddy_profile_created" if created else "solidarity.buddy_profile_changed", profile
    )
    return profile


def pause_buddy(profile: BuddyProfile, *, by, until: date) -> BuddyProfile:
    """ "Away this week": no check-in is given to the buddy until `until` (included)."""
    return transition(
        profile, by=by, action="solidarity.buddy_paused", allowed_from=None, changes={"paused_until": until}
    )


def resume_buddy(profile: BuddyProfile, *, by) -> BuddyProfile:
    return transition(
        profile, by=by, action="solidarity.buddy_resumed", allowed_from=None, changes={"paused_until": None}
    )
