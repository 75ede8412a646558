"""Saved footprints: the history of a signed-in person, and the answers other pillars read."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from mobilization.accounts.personal_data import anonymise, export
from mobilization.accounts.tests.factories import MemberFactory
from mobilization.footprint.models import SavedFootprint
from mobilization.footprint.situations import latest_situation
from mobilization.footprint.tests.factories import SavedFootprintFactory

pytestmark = pytest.mark.django_db


def test_latest_situation_is_the_answers_of_the_latest_save(volunteer):
    assert latest_situation(volunteer) == {}
    assert latest_situation(AnonymousUser()) == {}
    SavedFootprintFactory(user=volunteer, situation={"logement . surface": 40})
    SavedFootprintFactory(user=volunteer, situation={"logement . surface": 60})
    SavedFootprintFactory(user=MemberFactory(), situation={"logement . surface": 90})

    assert latest_situation(volunteer) == {"logement . surface": 60}


def test_saved_footprints_are_exported_and_erased_with_the_account(volunteer):
    SavedFootprintFactory(user=volunteer, situation={"logement . surface": 40})

    assert export(volunteer)["footprint"]["saved_footprints"][0]["answers"] == {"logement . surface": 40}
    anonymise(volunteer)
    assert not SavedFootprint.objects.filter(user=volunteer).exists()


def test_the_account_page_shows_the_latest_saved_footprint(volunteer, client):
    client.force_login(volunteer)

    assert "footprint-heading" in client.get(reverse("accounts:profile")).content.decode()
    SavedFootprintFactory(user=volunteer, total_kg=6400)

    assert re.search(r"6[.,]4 tCO2e", client.get(reverse("accounts:profile")).content.decode())
