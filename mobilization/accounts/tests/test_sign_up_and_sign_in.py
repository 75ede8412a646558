import re

from allauth.account.models import EmailAddress
from django.urls import reverse

from mobilization.accounts import consents
from mobilization.accounts.models import ConsentRecord, Profile, User
from mobilization.accounts.tests.factories import PASSWORD
from mobilization.core import roles
from mobilization.core.models import AuditEvent


def sign_up_form(**changes):
    data = {
        "display_name": "Amina",
        "email": "Amina@Example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
        "accept_privacy": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_sign_up_page_asks_for_a_display_name_and_the_two_versioned_consents(client, db):
    response = client.get(reverse("account_signup"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="display_name"' in page
    assert f"I accept the terms of use (version {consents.TERMS_VERSION})" in page
    assert f"privacy notice (version {consents.PRIVACY_VERSION})" in page
    assert f'href="{reverse("accounts:privacy")}"' in page
    assert '<link rel="stylesheet" href="/static/core/site.css">' in page  # the platform's layout


def test_signing_up_creates_the_account_its_profile_and_two_consents_and_sends_the_verification_mail(
    client, db, mailoutbox
):
    response = client.post(reverse("account_signup"), sign_up_form())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="amina@example.org")
    assert Profile.objects.get(user=user).display_name == "Amina"
    assert set(ConsentRecord.objects.filter(user=user).values_list("purpose", "wording_version")) == {
        ("terms", consents.TERMS_VERSION),
        ("privacy", consents.PRIVACY_VERSION),
    }
    assert roles.has_role(user, roles.VOLUNTEER)
    assert user.password.startswith("md5$")  # the tests' fast hasher; argon2 in production
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amina@example.org"]
    assert "/en/accounts/confirm-email/" in mailoutbox[0].body


def test_the_verify_your_email_page_is_in_the_platforms_layout(client, db):
    response = client.post(reverse("account_signup"), sign_up_form(), follow=True)

    page = response.content.decode()
    assert "Verify Your Email Address" in page
    assert 'class="skip-link"' in page


def test_sign_up_without_the_consents_is_refused_and_says_why(client, db, mailoutbox):
    response = client.post(reverse("account_signup"), sign_up_form(accept_terms=None, accept_privacy=None))

    page = response.content.decode()
    assert response.status_code == 200
    assert "You need to accept the terms of use to join." in page
    assert "You need to agree to the privacy notice to join." in page
    assert 'aria-describedby="id_accept_terms_helptext id_accept_terms_error"' in page
    assert 'id="id_accept_terms_error"' in page
    assert not User.objects.exists()
    assert not mailoutbox


def test_confirming_the_email_signs_the_new_member_in(client, db, mailoutbox):
    client.post(reverse("account_signup"), sign_up_form())
    link = re.search(r"https?://testserver(/en/accounts/confirm-email/[^\s]+/)", mailoutbox[0].body).group(1)

    response = client.post(link)

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert EmailAddress.objects.get(email="amina@example.org").verified
    assert client.get(reverse("accounts:profile")).status_code == 200
    user = User.objects.get(email="amina@example.org")
    assert AuditEvent.objects.filter(actor=user, action="accounts.signed_in").exists()


def test_signing_in_needs_a_verified_email(client, volunteer, mailoutbox):
    EmailAddress.objects.filter(user=volunteer).update(verified=False)

    response = client.post(reverse("account_login"), {"login": "amina@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1  # the verification mail is sent again


def test_a_verified_member_signs_in_and_it_is_audit_logged(client, volunteer):
    response = client.post(reverse("account_login"), {"login": "amina@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(volunteer.pk)
    assert AuditEvent.objects.filter(actor=volunteer, action="accounts.signed_in").count() == 1


def test_a_forgotten_password_is_reset_by_email(client, volunteer, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "amina@example.org"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/en/accounts/password/reset/key/" in mailoutbox[0].body


def test_the_sixth_wrong_password_is_locked_out_and_the_page_says_so(client, volunteer):
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": "amina@example.org", "password": "wrong password"})

    response = client.post(reverse("account_login"), {"login": "Amina@example.org", "password": PASSWORD})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Account temporarily locked" in page
    assert "15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_failures_on_one_account_do_not_lock_another(client, volunteer, other_volunteer):
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": "amina@example.org", "password": "wrong password"})

    response = client.post(reverse("account_login"), {"login": "bruno@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other_volunteer.pk)


def test_the_sign_in_page_uses_the_platforms_layout_and_labelled_fields(client, db):
    page = client.get(reverse("account_login")).content.decode()

    assert '<label for="id_login">' in page
    assert '<label for="id_password">' in page
    assert 'class="form card entrance-form"' in page
    assert re.search(r"<h1>\s*Sign In\s*</h1>", page)
