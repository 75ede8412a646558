"""The data migration that gives volunteers' profiles the platform's one set of theme keys."""

import importlib

import pytest
from django.apps import apps

from mobilization.accounts.models import Profile
from mobilization.accounts.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("mobilization.accounts.migrations.0004_profile_theme_keys")


def themes_of(user) -> list[str]:
    return Profile.objects.get(user=user).themes


def with_themes(themes: list[str]):
    member = MemberFactory()
    Profile.objects.filter(user=member).update(themes=themes)
    return member


def test_a_profile_on_waste_and_repair_gets_the_initiatives_key():
    member = with_themes(["energy", "waste_and_repair"])

    migration.forwards(apps, None)

    assert themes_of(member) == ["energy", "waste_repair"]


def test_other_profiles_are_left_as_they_are():
    member = with_themes(["food", "mobility"])

    migration.forwards(apps, None)

    assert themes_of(member) == ["food", "mobility"]


def test_reversing_gives_the_old_key_back():
    member = with_themes(["waste_repair", "water"])

    migration.backwards(apps, None)

    assert themes_of(member) == ["waste_and_repair", "water"]


def test_a_key_is_never_listed_twice():
    member = with_themes(["waste_and_repair", "waste_repair"])

    migration.forwards(apps, None)

    assert themes_of(member) == ["waste_repair"]
