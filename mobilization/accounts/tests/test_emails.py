"""allauth's e-mails (address confirmation, password reset) have an HTML part beside the plain text, with
the same absolute link as a real link, in the platform's layout."""

import re

from django.urls import reverse

from mobilization.accounts.tests.test_sign_up_and_sign_in import sign_up_form


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_confirmation_mail_has_a_real_link_in_its_html_part(client, db, mailoutbox):
    client.post(reverse("account_signup"), sign_up_form(display_name="<b>Amina</b>"))

    (message,) = mailoutbox
    link = re.search(r"(http://testserver/en/accounts/confirm-email/\S+/)", message.body).group(1)
    html = html_of(message)
    assert f'<a href="{link}"' in html
    assert '<html lang="en">' in html
    assert "Confirm my e-mail address" in html
    assert "<b>" not in html  # nothing a person typed is markup


def test_the_password_reset_mail_has_a_real_link_in_its_html_part(client, volunteer, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "amina@example.org"})

    (message,) = mailoutbox
    link = re.search(r"(http://testserver/en/accounts/password/reset/key/\S+/)", message.body).group(1)
    html = html_of(message)
    assert f'<a href="{link}"' in html
    assert "Choose a new password" in html


def test_every_other_mail_of_allauth_has_its_text_as_html_with_real_links(client, db, mailoutbox):
    # A password reset for an address nobody registered: allauth says so, with a link to sign up.
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    (message,) = mailoutbox
    html = html_of(message)
    link = re.search(r"(http://testserver/\S+/)", message.body).group(1)
    assert f'href="{link}"' in html
    assert '<html lang="en">' in html
