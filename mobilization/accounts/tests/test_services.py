import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.models import Group

from mobilization.accounts import consents, personal_data, services
from mobilization.accounts.models import ConsentRecord, Profile, User
from mobilization.accounts.tests.factories import PASSWORD, MemberFactory
from mobilization.core import roles
from mobilization.core.models import AuditEvent

Purpose = ConsentRecord.Purpose


def test_a_person_who_signs_up_gets_a_profile_the_volunteer_role_and_their_two_consents(db):
    user = User.objects.create_user(email="amina@example.org", password=PASSWORD)

    profile = services.sign_up(
        user, display_name="Amina", consents_given=[Purpose.TERMS, Purpose.PRIVACY], preferred_language="fr"
    )

    assert profile.display_name == "Amina"
    assert profile.preferred_language == "fr"
    assert roles.has_role(user, roles.VOLUNTEER)
    records = {record.purpose: record for record in ConsentRecord.objects.filter(user=user)}
    assert set(records) == {Purpose.TERMS, Purpose.PRIVACY}
    assert records[Purpose.TERMS].wording_version == consents.TERMS_VERSION
    assert consents.TERMS_VERSION in records[Purpose.TERMS].wording
    assert AuditEvent.objects.filter(actor=user, action="accounts.signed_up").exists()


def test_giving_the_same_consent_twice_keeps_one_record(volunteer):
    first = services.give_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)
    again = services.give_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)

    assert first.pk == again.pk
    assert services.has_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)


def test_an_optional_consent_can_be_withdrawn_and_its_record_stays(volunteer):
    services.give_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)

    ended = services.withdraw_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)

    assert ended == 1
    assert not services.has_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)
    record = ConsentRecord.objects.get(user=volunteer, purpose=Purpose.VULNERABLE_REGISTRATION)
    assert record.withdrawn_at is not None
    assert set(services.current_consents(volunteer).values_list("purpose", flat=True)) == {
        Purpose.TERMS,
        Purpose.PRIVACY,
    }
    event = AuditEvent.objects.get(action="accounts.consent_withdrawn")
    assert event.actor == volunteer
    assert event.object_id == str(record.pk)
    assert event.details == {"purpose": Purpose.VULNERABLE_REGISTRATION}
    assert services.withdraw_consent(volunteer, Purpose.VULNERABLE_REGISTRATION) == 0, "already withdrawn"


def test_the_terms_cannot_be_withdrawn_without_deleting_the_account(volunteer):
    with pytest.raises(services.ConsentRequired):
        services.withdraw_consent(volunteer, Purpose.TERMS)

    assert services.has_consent(volunteer, Purpose.TERMS)


def test_roles_are_groups_created_once_with_their_permissions(db):
    services.ensure_roles()
    services.ensure_roles()

    assert set(Group.objects.filter(name__in=roles.ROLES).values_list("name", flat=True)) == set(roles.ROLES)
    assert Group.objects.filter(name__in=roles.ROLES).count() == len(roles.ROLES)
    city_staff = Group.objects.get(name=roles.CITY_STAFF)
    assert city_staff.permissions.filter(codename="change_user", content_type__app_label="accounts").exists()


def test_role_changes_are_written_to_the_audit_log(volunteer, city_staff_member):
    services.set_roles(volunteer, [roles.VOLUNTEER, roles.ORGANISER], by=city_staff_member)
    services.set_roles(volunteer, [roles.ORGANISER], by=city_staff_member)

    events = AuditEvent.objects.filter(actor=city_staff_member, object_id=str(volunteer.pk))
    assert list(events.order_by("occurred_at", "pk").values_list("action", "details")) == [
        ("accounts.role_granted", {"role": roles.ORGANISER}),
        ("accounts.role_removed", {"role": roles.VOLUNTEER}),
    ]
    assert roles.role_names(volunteer) == {roles.ORGANISER}


def test_an_unknown_role_is_refused(volunteer):
    with pytest.raises(services.UnknownRole):
        services.add_role(volunteer, "king", by=None)


def test_the_public_name_is_the_display_name_until_the_account_is_deleted(volunteer):
    assert services.public_name(volunteer) == "Amina"

    services.delete_account(volunteer)

    assert services.public_name(volunteer) == "Former member"
    assert services.public_name(None) == "Former member"


def test_an_account_made_in_the_admin_gets_an_empty_profile_on_first_use(db):
    user = User.objects.create_user(email="new@example.org", password=PASSWORD)

    assert services.profile_of(user).display_name == ""
    assert services.public_name(user) == "Member"


def test_the_export_holds_the_account_the_profile_and_the_consents(volunteer, arrondissement):
    profile = volunteer.profile
    services.update_profile(
        profile, home_district=arrondissement, themes=["energy", "food"], phone="+33612345678", bio="Vélo"
    )

    data = services.export_personal_data(volunteer)

    section = data["sections"]["accounts"]
    assert section["account"]["email"] == "amina@example.org"
    assert section["profile"]["display_name"] == "Amina"
    assert section["profile"]["home_district"] == "11e arrondissement"
    assert section["profile"]["themes"] == ["Energy", "Food"]
    assert section["profile"]["phone"] == "+33612345678"
    assert {consent["purpose"] for consent in section["consents"]} == {"terms", "privacy"}
    assert AuditEvent.objects.filter(actor=volunteer, action="accounts.personal_data_exported").exists()


def test_apps_add_their_own_sections_to_the_export_and_to_the_deletion(volunteer):
    erased = []
    personal_data.register(
        "test_app", exporter=lambda user: {"greeting": f"hello {user.pk}"}, anonymiser=erased.append
    )
    try:
        data = services.export_personal_data(volunteer)
        services.delete_account(volunteer)
    finally:
        personal_data.unregister("test_app")

    assert data["sections"]["test_app"] == {"greeting": f"hello {volunteer.pk}"}
    assert erased == [volunteer]


def test_a_section_name_is_registered_once(db):
    personal_data.register("twice", exporter=dict)
    try:
        with pytest.raises(personal_data.AlreadyRegistered):
            personal_data.register("twice", exporter=dict)
    finally:
        personal_data.unregister("twice")


def test_deleting_an_account_leaves_no_email_phone_or_name_in_its_rows(volunteer, arrondissement):
    from axes.models import AccessAttempt, AccessLog
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers

    services.update_profile(
        volunteer.profile, home_district=arrondissement, phone="+33612345678", bio="Amina ici"
    )
    volunteer.first_name, volunteer.last_name = "Amina", "Diallo"
    volunteer.save()
    Authenticator.objects.create(user=volunteer, type=Authenticator.Type.TOTP, data={"secret": "x"})
    AccessAttempt.objects.create(
        username="amina@example.org", ip_address="127.0.0.1", user_agent="test", failures_since_start=1
    )
    AccessLog.objects.create(username="amina@example.org", ip_address="127.0.0.1", user_agent="test")
    LogEntry.objects.create(
        user=volunteer,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(volunteer.pk),
        object_repr="amina@example.org",
        action_flag=CHANGE,
    )

    services.delete_account(volunteer)

    volunteer.refresh_from_db()
    assert volunteer.email.startswith("deleted-")
    assert volunteer.email.endswith("@invalid")
    assert not volunteer.has_usable_password()
    assert not volunteer.is_active
    assert volunteer.deleted_at is not None
    assert not EmailAddress.objects.filter(user=volunteer).exists()
    assert not Authenticator.objects.filter(user=volunteer).exists()
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()
    assert not roles.role_names(volunteer)
    assert not services.current_consents(volunteer).exists()
    assert ConsentRecord.objects.filter(user=volunteer).count() == 2

    rows = [
        volunteer,
        *Profile.objects.filter(user=volunteer),
        *ConsentRecord.objects.filter(user=volunteer),
        *AuditEvent.objects.filter(actor=volunteer),
        *AuditEvent.objects.filter(object_type="accounts.user", object_id=str(volunteer.pk)),
        *LogEntry.objects.filter(object_id=str(volunteer.pk)),
    ]
    dump = serializers.serialize("json", rows)
    for personal_detail in ("amina@example.org", "612345678", "Amina", "Diallo"):
        assert personal_detail not in dump


def test_a_deleted_account_stays_deleted_when_deleted_again(volunteer):
    services.delete_account(volunteer)
    email = User.objects.get(pk=volunteer.pk).email

    services.delete_account(volunteer)

    assert User.objects.get(pk=volunteer.pk).email == email
    assert AuditEvent.objects.filter(action="accounts.account_deleted").count() == 1


def test_a_stale_copy_of_a_deleted_account_cannot_delete_it_twice(volunteer):
    """The row is read again under its lock: a second request holding the account as it was before the
    first deletion finds it deleted, and changes nothing."""
    stale = User.objects.get(pk=volunteer.pk)
    services.delete_account(volunteer)

    services.delete_account(stale)

    assert AuditEvent.objects.filter(action="accounts.account_deleted").count() == 1
    assert stale.is_deleted


def test_the_consents_a_deletion_ends_are_audited_one_by_one_as_its_doing(volunteer, city_staff_member):
    services.delete_account(volunteer, by=city_staff_member)

    withdrawn = AuditEvent.objects.filter(action="accounts.consent_withdrawn", actor=city_staff_member)
    assert sorted(event.details["purpose"] for event in withdrawn) == [Purpose.PRIVACY, Purpose.TERMS]
    assert not ConsentRecord.objects.filter(user=volunteer, withdrawn_at__isnull=True).exists()


def _current_code(secret):
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # now, in the middle of the tolerance window
    return f"{hotp_value(secret, counter):06d}"


def test_a_demo_staff_account_is_verified_has_its_roles_and_an_authenticator_secret(db, arrondissement):
    account = services.create_demo_account(
        "claire@paris.example", "demo-password-1", [roles.CITY_STAFF], "Claire", district=11
    )

    user = account.user
    assert account.totp_secret
    assert user.check_password("demo-password-1")
    assert user.is_staff
    assert EmailAddress.objects.filter(user=user, email="claire@paris.example", verified=True, primary=True)
    assert roles.role_names(user) == {roles.CITY_STAFF, roles.VOLUNTEER}
    assert user.profile.home_district == arrondissement
    assert services.has_consent(user, Purpose.TERMS)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert TOTP(totp).validate_code(_current_code(account.totp_secret))


def test_creating_a_demo_account_again_changes_nothing(db):
    first = services.create_demo_account(
        "dina@paris.example", "demo-password-1", [roles.SOLIDARITY_COORDINATOR], "Dina"
    )
    again = services.create_demo_account(
        "dina@paris.example", "demo-password-1", [roles.SOLIDARITY_COORDINATOR], "Dina"
    )

    assert again.user.pk == first.user.pk
    assert again.totp_secret == first.totp_secret
    assert Authenticator.objects.filter(user=first.user, type=Authenticator.Type.TOTP).count() == 1
    assert ConsentRecord.objects.filter(user=first.user).count() == 2
    assert EmailAddress.objects.filter(user=first.user).count() == 1


def test_a_demo_account_can_be_given_a_known_authenticator_secret(db):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

    account = services.create_demo_account(
        "claire@paris.example", "demo-password-1", [roles.CITY_STAFF], "Claire", with_totp_secret=secret
    )

    assert account.totp_secret == secret


def test_a_demo_volunteer_has_no_second_factor(db):
    account = services.create_demo_account("eva@example.org", "demo-password-1", [roles.VOLUNTEER], "Eva")

    assert account.totp_secret is None
    assert not Authenticator.objects.filter(user=account.user).exists()


def test_members_made_by_the_factory_are_ordinary_volunteers(db):
    user = MemberFactory()
    assert roles.role_names(user) == {roles.VOLUNTEER}


def test_templates_show_the_public_name_of_an_author(volunteer):
    from django.template import Context, Template

    template = Template("{% load accounts_tags %}{{ author|public_name }}")

    assert template.render(Context({"author": volunteer})) == "Amina"
    services.delete_account(volunteer)
    assert template.render(Context({"author": volunteer})) == "Former member"


def test_a_volunteers_request_costs_the_two_factor_check_one_query(
    client, volunteer, django_assert_max_num_queries
):
    from django.test import RequestFactory

    from mobilization.accounts.middleware import StaffTwoFactorMiddleware

    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=volunteer.pk)
    middleware = StaffTwoFactorMiddleware(lambda request: "page")

    with django_assert_max_num_queries(1):
        assert middleware(request) == "page"


def test_staff_cannot_give_a_staff_role_they_lack_nor_raise_their_own(volunteer, city_staff_member):
    with pytest.raises(services.PrivilegeNotHeld):
        services.add_role(volunteer, roles.SOLIDARITY_COORDINATOR, by=city_staff_member)
    with pytest.raises(services.PrivilegeNotHeld):
        services.add_role(city_staff_member, roles.ORGANISER, by=city_staff_member)

    assert set(volunteer.groups.values_list("name", flat=True)) == {roles.VOLUNTEER}
    assert set(city_staff_member.groups.values_list("name", flat=True)) == {roles.CITY_STAFF}
    services.add_role(volunteer, roles.CITY_STAFF, by=city_staff_member)  # what they hold, they may give
