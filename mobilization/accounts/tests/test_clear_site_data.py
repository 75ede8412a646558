"""Signing out tells the browser to forget the site's cache and storage (a buddy's kept pages)."""

import pytest
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_sign_out_answer_clears_the_site_data(client):
    client.force_login(MemberFactory())
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_other_answers_do_not(client):
    assert "Clear-Site-Data" not in client.post(reverse("account_logout"))  # not signed in
    client.force_login(MemberFactory())
    assert "Clear-Site-Data" not in client.get(reverse("account_logout"))
    assert "Clear-Site-Data" not in client.post(reverse("accounts:profile_edit"), {})
