import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from mobilization.accounts.login_attempts import username_from_attempt
from mobilization.accounts.models import ConsentRecord, User
from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import predicates, roles
from mobilization.core.models import AuditEvent


def give_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.mark.parametrize("member", ["city_staff_member", "solidarity_coordinator", "superuser"])
def test_staff_without_an_authenticator_app_are_sent_to_set_it_up(client, db, member, request):
    client.force_login(request.getfixturevalue(member))

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_a_plain_is_staff_member_must_set_up_two_factor_too(client, db):
    client.force_login(MemberFactory(roles=(), is_staff=True, two_factor=False))

    assert client.get(reverse("home")).url == reverse("mfa_activate_totp")


def test_staff_with_an_authenticator_app_go_where_they_asked(client, city_staff_member):
    give_totp(city_staff_member)
    client.force_login(city_staff_member)

    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_volunteers_need_no_second_factor(client, volunteer):
    client.force_login(volunteer)

    assert client.get(reverse("home")).status_code == 200


def test_staff_without_two_factor_may_still_set_it_up_and_sign_out(client, city_staff_member):
    client.force_login(city_staff_member)

    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.url.startswith(reverse("account_reauthenticate"))  # allauth's own step, not ours
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_without_two_factor_are_kept_out_of_the_admin_and_account_pages(client, city_staff_member):
    client.force_login(city_staff_member)

    assert client.get(reverse("admin:index")).url == reverse("mfa_activate_totp")
    assert client.get(reverse("accounts:my_data")).url == reverse("mfa_activate_totp")


def test_the_admin_sign_in_goes_through_allauth_and_its_second_factor(client, db):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_failed_sign_ins_are_counted_per_account_whatever_the_form():
    request = RequestFactory().post("/", {"login": "Amina@Example.org "})

    assert username_from_attempt(request, {"email": "Amina@Example.org"}) == "amina@example.org"
    assert username_from_attempt(request, {"username": "AMINA@example.org"}) == "amina@example.org"
    assert username_from_attempt(request, None) == "amina@example.org"
    assert username_from_attempt(RequestFactory().post("/", {}), {}) is None


def test_roles_given_and_taken_in_the_admin_are_audit_logged(superuser, volunteer):
    give_totp(superuser)
    model_admin = admin.site._registry[User]
    request = RequestFactory().post("/admin/")
    request.user = superuser
    organiser = Group.objects.get(name=roles.ORGANISER)
    form_class = model_admin.get_form(request, volunteer, change=True)
    form = form_class(
        data={"email": volunteer.email, "groups": [organiser.pk], "is_active": "on", "is_staff": "on"},
        instance=volunteer,
    )
    assert form.is_valid(), form.errors

    model_admin.save_model(request, form.save(commit=False), form, change=True)
    model_admin.save_related(request, form, formsets=[], change=True)

    events = AuditEvent.objects.filter(actor=superuser, object_id=str(volunteer.pk))
    assert sorted(events.values_list("action", "details")) == [
        ("accounts.access_changed", {"flag": "is_staff", "value": True}),
        ("accounts.role_granted", {"role": roles.ORGANISER}),
        ("accounts.role_removed", {"role": roles.VOLUNTEER}),
    ]


def test_the_admin_lists_accounts_with_their_roles_and_never_deletes_them(client, superuser, volunteer):
    give_totp(superuser)
    client.force_login(superuser)

    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    change = client.get(reverse("admin:accounts_user_change", args=[volunteer.pk])).content.decode()

    assert "amina@example.org" in page
    assert "Volunteer" in page
    assert "Delete personal data" in page
    assert "Initiative organiser" in change  # the roles, with their labels
    assert client.get(reverse("admin:accounts_user_delete", args=[volunteer.pk])).status_code == 403


def test_the_admin_creates_an_account_from_an_email(client, superuser):
    give_totp(superuser)
    client.force_login(superuser)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "new@example.org", "usable_password": "false"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.filter(email="new@example.org").exists()


def test_consent_records_are_read_only_in_the_admin(client, superuser, volunteer):
    give_totp(superuser)
    client.force_login(superuser)
    record = ConsentRecord.objects.filter(user=volunteer).first()

    assert client.get(reverse("admin:accounts_consentrecord_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_consentrecord_add")).status_code == 403
    assert client.get(reverse("admin:accounts_consentrecord_delete", args=[record.pk])).status_code == 403


def test_staff_delete_personal_data_from_the_admin(client, superuser, volunteer):
    give_totp(superuser)
    client.force_login(superuser)

    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_personal_data", "_selected_action": [volunteer.pk]},
    )

    volunteer.refresh_from_db()
    assert volunteer.deleted_at is not None
    assert AuditEvent.objects.filter(actor=superuser, action="accounts.account_deleted").exists()


def test_the_role_predicates(volunteer, city_staff_member, solidarity_coordinator, other_volunteer):
    assert predicates.is_volunteer(volunteer)
    assert not predicates.is_city_staff(volunteer)
    assert predicates.is_city_staff(city_staff_member)
    assert predicates.is_solidarity_coordinator(solidarity_coordinator)
    assert not predicates.is_committee_member(volunteer)
    assert predicates.is_self(volunteer, volunteer)
    assert predicates.is_self(volunteer, volunteer.profile)
    assert not predicates.is_self(volunteer, other_volunteer)
    assert volunteer.has_perm("accounts.export_account", volunteer)
    assert not volunteer.has_perm("accounts.export_account", other_volunteer)
    assert city_staff_member.has_perm("accounts.assign_role")
    assert not volunteer.has_perm("accounts.assign_role")
