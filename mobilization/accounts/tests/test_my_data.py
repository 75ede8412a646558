import json

from django.urls import reverse

from mobilization.accounts import services
from mobilization.accounts.models import ConsentRecord, User
from mobilization.accounts.tests.factories import PASSWORD
from mobilization.core.models import AuditEvent

Purpose = ConsentRecord.Purpose


def test_the_privacy_page_lists_my_consents_and_only_optional_ones_can_be_withdrawn(client, volunteer):
    services.give_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)
    client.force_login(volunteer)

    page = client.get(reverse("accounts:privacy")).content.decode()

    assert 'id="my-consents"' in page
    assert "Terms of use" in page
    assert "Privacy notice" in page
    assert "Withdraw: Registration as a vulnerable resident" in page
    assert "Withdraw: Terms of use" not in page


def test_the_privacy_notice_is_public(client, db):
    response = client.get(reverse("accounts:privacy"))

    assert response.status_code == 200
    assert "My consents" not in response.content.decode()


def test_a_member_withdraws_an_optional_consent(client, volunteer):
    services.give_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)
    client.force_login(volunteer)

    response = client.post(reverse("accounts:withdraw_consent"), {"purpose": Purpose.VULNERABLE_REGISTRATION})

    assert response.status_code == 302
    assert response.url == reverse("accounts:privacy") + "#my-consents"
    assert not services.has_consent(volunteer, Purpose.VULNERABLE_REGISTRATION)


def test_the_terms_cannot_be_withdrawn_from_the_privacy_page(client, volunteer):
    client.force_login(volunteer)

    response = client.post(reverse("accounts:withdraw_consent"), {"purpose": Purpose.TERMS}, follow=True)

    assert "To withdraw it, delete your account." in response.content.decode()
    assert services.has_consent(volunteer, Purpose.TERMS)


def test_withdrawing_needs_a_post(client, volunteer):
    client.force_login(volunteer)

    assert client.get(reverse("accounts:withdraw_consent")).status_code == 405


def test_downloading_my_data_asks_for_the_password_again(client, volunteer):
    client.force_login(volunteer)

    response = client.get(reverse("accounts:my_data_download"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not AuditEvent.objects.filter(action="accounts.personal_data_exported").exists()


def test_my_data_is_a_json_attachment_with_my_profile_and_consents(client, volunteer, reauthenticate):
    client.force_login(volunteer)
    reauthenticate(client)

    response = client.get(reverse("accounts:my_data_download"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "amina" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    accounts = data["sections"]["accounts"]
    assert accounts["account"]["email"] == "amina@example.org"
    assert accounts["profile"]["display_name"] == "Amina"
    assert {consent["purpose"] for consent in accounts["consents"]} == {"terms", "privacy"}
    event = AuditEvent.objects.get(action="accounts.personal_data_exported")
    assert event.actor == volunteer
    assert event.details == {}


def test_after_re_authenticating_the_download_starts(client, volunteer):
    client.force_login(volunteer)
    download = reverse("accounts:my_data_download")
    client.get(download)

    response = client.post(reverse("account_reauthenticate") + f"?next={download}", {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == download


def test_the_deletion_page_explains_what_happens(client, volunteer):
    client.force_login(volunteer)

    page = client.get(reverse("accounts:delete_account")).content.decode()

    assert "Former member" in page
    assert 'name="confirm"' in page


def test_deleting_my_account_asks_for_the_password_then_erases_it_and_signs_me_out(client, volunteer):
    client.force_login(volunteer)
    delete_url = reverse("accounts:delete_account")

    response = client.post(delete_url, {"confirm": "on"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert User.objects.get(pk=volunteer.pk).deleted_at is None

    response = client.post(response.url, {"password": PASSWORD})  # the suspended deletion resumes

    assert response.status_code == 302
    assert response.url == reverse("accounts:account_deleted")
    user = User.objects.get(pk=volunteer.pk)
    assert user.deleted_at is not None
    assert not user.is_active
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:account_deleted")).status_code == 200


def test_deletion_needs_the_confirmation_box(client, volunteer, reauthenticate):
    client.force_login(volunteer)
    reauthenticate(client)

    response = client.post(reverse("accounts:delete_account"), {})

    assert response.status_code == 200
    assert 'id="id_confirm_error"' in response.content.decode()
    assert User.objects.get(pk=volunteer.pk).deleted_at is None


def test_a_deleted_member_cannot_sign_in_any_more(client, volunteer, reauthenticate):
    client.force_login(volunteer)
    reauthenticate(client)
    client.post(reverse("accounts:delete_account"), {"confirm": "on"})

    response = client.post(reverse("account_login"), {"login": "amina@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_old_session_of_a_deleted_member_is_no_longer_signed_in(client, volunteer):
    client.force_login(volunteer)

    services.delete_account(User.objects.get(pk=volunteer.pk))

    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
