"""The registry's rules of life: consent, acknowledgement, withdrawal, review, retention, "My data"."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from mobilization.accounts import personal_data
from mobilization.accounts.services import delete_account
from mobilization.core.errors import AlreadyDone, NotAllowed
from mobilization.core.models import AuditEvent
from mobilization.notifications.models import Notification
from mobilization.solidarity import services
from mobilization.solidarity.models import Absence, VulnerableResident
from mobilization.solidarity.tests.conftest import registration_values
from mobilization.solidarity.tests.factories import ResidentFactory

RegisteredBy = VulnerableResident.RegisteredBy
pytestmark = pytest.mark.django_db


def test_a_person_registers_themselves_with_the_consent_wording_and_is_acknowledged_at_once(
    district, volunteer
):
    resident = services.register_resident(
        by=volunteer, registered_as=RegisteredBy.SELF, values=registration_values()
    )

    assert resident.account == volunteer and resident.registered_by == volunteer
    assert resident.district == district
    assert (resident.lat, resident.lon) == (48.859, 2.38)  # the exact point is not kept
    assert resident.consent_version == "2025-06" and "withdraw at any time" in resident.consent_wording
    assert resident.acknowledged_at is not None
    notice = Notification.objects.get(recipient=volunteer, kind="solidarity_registration_acknowledged")
    for secret in ("+33199004321", "rue de la Démo", "Lucienne", "4821A", "Nadia"):
        assert secret not in notice.subject + notice.body
    assert AuditEvent.objects.filter(
        action="solidarity.resident_registered", object_id=str(resident.pk)
    ).exists()


def test_a_person_cannot_register_themselves_twice(district, volunteer):
    services.register_resident(by=volunteer, registered_as=RegisteredBy.SELF, values=registration_values())
    with pytest.raises(AlreadyDone):
        services.register_resident(
            by=volunteer, registered_as=RegisteredBy.SELF, values=registration_values()
        )
    assert VulnerableResident.objects.count() == 1


def test_a_relative_registers_someone_on_the_behalf_wording(district, relative):
    resident = services.register_resident(
        by=relative,
        registered_as=RegisteredBy.RELATIVE,
        values=registration_values(),
        absences=[(timezone.localdate(), timezone.localdate() + timedelta(days=20))],
    )
    assert resident.account is None and resident.registered_by == relative
    assert resident.consent_version == services.BEHALF_VERSION
    assert resident.absences.count() == 1


def test_only_coordinators_take_registrations_by_phone_and_nobody_is_acknowledged_by_message(
    district, volunteer, coordinator
):
    with pytest.raises(NotAllowed):
        services.register_resident(
            by=volunteer, registered_as=RegisteredBy.STAFF_PHONE, values=registration_values()
        )
    resident = services.register_resident(
        by=coordinator, registered_as=RegisteredBy.STAFF_PHONE, values=registration_values()
    )
    assert resident.acknowledged_at is None  # to be posted: the person has no account
    assert not Notification.objects.filter(kind="solidarity_registration_acknowledged").exists()


def test_a_point_outside_the_city_is_refused(district, relative):
    with pytest.raises(services.OutsideTheCity):
        services.register_resident(
            by=relative, registered_as=RegisteredBy.RELATIVE, values=registration_values(lat=45.76, lon=4.83)
        )
    assert not VulnerableResident.objects.exists()


def test_the_phone_is_encrypted_at_rest(resident):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phone, address, access_notes, emergency_contact, care_service, other_phone "
            "FROM solidarity_vulnerableresident WHERE id = %s",
            [resident.pk],
        )
        raw = cursor.fetchone()
    stored = " ".join(value or "" for value in raw)
    for secret in ("+33199001234", "199001234", "rue de la Démo", "4821A", "Sa fille", "SSIAD"):
        assert secret not in stored
    assert raw[0].startswith("gAAAAA")  # a Fernet token
    assert VulnerableResident.objects.get(pk=resident.pk).phone == "+33199001234"


def test_a_key_rotation_reencrypts_every_record_and_the_old_key_can_go(resident, settings):
    from cryptography.fernet import Fernet, InvalidToken
    from django.core.management import call_command

    from mobilization.solidarity.encryption import forget_keys

    old = list(settings.FIELD_ENCRYPTION_KEYS)
    new = Fernet.generate_key().decode()

    def raw_phone() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT phone FROM solidarity_vulnerableresident WHERE id = %s", [resident.pk])
            return cursor.fetchone()[0]

    try:
        settings.FIELD_ENCRYPTION_KEYS = [new, *old]  # step 1: the new key first, the old one still reads
        forget_keys()
        assert VulnerableResident.objects.get(pk=resident.pk).phone == "+33199001234"
        call_command("reencrypt_registry", stdout=io.StringIO())  # step 2
        assert Fernet(new.encode()).decrypt(raw_phone().encode()) == b"+33199001234"
        with pytest.raises(InvalidToken):
            Fernet(old[0].encode()).decrypt(raw_phone().encode())
        settings.FIELD_ENCRYPTION_KEYS = [new]  # step 3: the old key is gone
        forget_keys()
        assert VulnerableResident.objects.get(pk=resident.pk).phone == "+33199001234"
    finally:
        settings.FIELD_ENCRYPTION_KEYS = old
        forget_keys()


def test_the_platform_refuses_to_start_without_a_valid_key(settings):
    from mobilization.solidarity.checks import encryption_keys

    settings.FIELD_ENCRYPTION_KEYS = []
    assert [error.id for error in encryption_keys(None)] == ["solidarity.E001"]
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-key"]
    assert [error.id for error in encryption_keys(None)] == ["solidarity.E002"]


def test_the_daily_upkeep_command_reminds_then_deletes(resident, settings):
    from django.core.management import call_command

    VulnerableResident.objects.filter(pk=resident.pk).update(
        confirmed_at=timezone.now() - timedelta(days=430)
    )
    out = io.StringIO()
    call_command("registry_upkeep", stdout=out)
    assert "1 review reminder(s) sent, 1 unconfirmed record(s) deleted." in out.getvalue()
    assert not VulnerableResident.objects.exists()


def test_withdrawing_erases_the_record_and_its_absences_and_tells_the_registrant(resident, relative):
    Absence.objects.create(
        resident=resident, starts_on=timezone.localdate(), ends_on=timezone.localdate() + timedelta(days=3)
    )
    number = resident.pk

    services.withdraw_registration(resident, by=relative)

    assert not VulnerableResident.objects.filter(pk=number).exists()
    assert not Absence.objects.exists()
    assert AuditEvent.objects.filter(
        action="solidarity.registration_withdrawn", object_id=str(number)
    ).exists()
    assert Notification.objects.filter(recipient=relative, kind="solidarity_registration_erased").exists()


def test_confirming_renews_the_record_for_a_year(resident, relative):
    VulnerableResident.objects.filter(pk=resident.pk).update(
        confirmed_at=timezone.now() - timedelta(days=370), review_reminded_at=timezone.now()
    )
    services.confirm_registration(resident, by=relative)
    resident.refresh_from_db()
    assert resident.confirmed_at > timezone.now() - timedelta(minutes=1)
    assert resident.review_reminded_at is None


def test_a_record_a_year_old_is_reminded_once(resident, relative):
    VulnerableResident.objects.filter(pk=resident.pk).update(
        confirmed_at=timezone.now() - timedelta(days=366)
    )
    fresh = ResidentFactory(
        district=resident.district, registered_by=relative, registered_as=RegisteredBy.RELATIVE
    )

    assert services.send_review_reminders() == 1
    assert services.send_review_reminders() == 0
    reminders = Notification.objects.filter(kind="solidarity_registration_review")
    assert [notice.recipient for notice in reminders] == [relative]
    assert fresh.pk != resident.pk


def test_the_retention_task_deletes_records_not_confirmed_in_time(resident, settings):
    settings.SOLIDARITY_RETENTION_DAYS = 400
    kept = ResidentFactory(district=resident.district)
    VulnerableResident.objects.filter(pk=resident.pk).update(
        confirmed_at=timezone.now() - timedelta(days=401)
    )
    VulnerableResident.objects.filter(pk=kept.pk).update(confirmed_at=timezone.now() - timedelta(days=399))

    from mobilization.solidarity import tasks

    assert tasks.delete_unconfirmed_records.call() == 1

    assert list(VulnerableResident.objects.values_list("pk", flat=True)) == [kept.pk]
    assert AuditEvent.objects.filter(
        action="solidarity.registration_expired", object_id=str(resident.pk)
    ).exists()


def test_my_data_holds_my_registration_without_its_contact_details(district, volunteer):
    services.register_resident(by=volunteer, registered_as=RegisteredBy.SELF, values=registration_values())

    section = personal_data.export(volunteer)["solidarity"]

    mine = section["my_registration"]
    assert mine["first_name"] == "Lucienne" and mine["arrondissement"] == district.name
    assert mine["consent"]["version"] == "2025-06"
    text = repr(section)
    for secret in ("+33199004321", "rue de la Démo", "4821A", "Nadia"):
        assert secret not in text


def test_deleting_my_account_erases_my_registration_and_keeps_those_i_made_for_others(
    district, volunteer, resident, relative
):
    own = services.register_resident(
        by=relative, registered_as=RegisteredBy.SELF, values=registration_values()
    )

    delete_account(relative, by=relative)

    assert not VulnerableResident.objects.filter(pk=own.pk).exists()
    resident.refresh_from_db()
    assert resident.registered_by is None  # the person stays protected, followed by the coordinators


def test_a_coordinator_with_arrondissements_sees_only_theirs(district, coordinator):
    from mobilization.solidarity.models import CoordinatorScope
    from mobilization.territory.tests.factories import ArrondissementFactory

    twentieth = ArrondissementFactory(number=20, centroid_lat=48.864, centroid_lon=2.398)
    ours = ResidentFactory(district=district)
    theirs = ResidentFactory(district=twentieth, lat=48.864, lon=2.398)
    assert set(services.residents_for_coordinator(coordinator)) == {ours, theirs}

    scope = CoordinatorScope.objects.create(coordinator=coordinator)
    scope.districts.add(twentieth)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)

    assert list(services.residents_for_coordinator(coordinator)) == [theirs]
    assert not coordinator.has_perm("solidarity.view_vulnerableresident", ours)
    assert coordinator.has_perm("solidarity.view_vulnerableresident", theirs)
