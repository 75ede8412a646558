"""Who is a buddy: a valid certification of the buddies' training, and nothing else."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.learning.models import Certification
from mobilization.learning.tests.factories import CertificationFactory, TrainingFactory
from mobilization.solidarity import buddies
from mobilization.solidarity.tests.factories import BuddyProfileFactory, certify

pytestmark = pytest.mark.django_db


def test_a_volunteer_with_a_valid_certification_is_a_buddy():
    profile = BuddyProfileFactory()
    certify(profile.user)

    assert buddies.is_trained_buddy(profile.user)
    assert list(buddies.trained_buddies()) == [profile]


def test_a_buddy_profile_alone_does_not_make_a_buddy():
    profile = BuddyProfileFactory()

    assert not buddies.is_trained_buddy(profile.user)
    assert not buddies.trained_buddies().exists()


def test_an_expired_certification_no_longer_makes_a_buddy():
    today = timezone.localdate()
    profile = BuddyProfileFactory()
    certify(profile.user, granted_on=today - timedelta(days=800), expires_on=today - timedelta(days=1))

    assert not buddies.is_trained_buddy(profile.user)
    assert not buddies.trained_buddies().exists()
    # The day before it expired, they were one.
    assert buddies.is_trained_buddy(profile.user, on=today - timedelta(days=1))


def test_a_revoked_certification_does_not_make_a_buddy():
    profile = BuddyProfileFactory()
    certify(profile.user, status=Certification.Status.REVOKED)

    assert not buddies.is_trained_buddy(profile.user)
    assert not buddies.trained_buddies().exists()


def test_a_certification_of_another_training_does_not_make_a_buddy():
    profile = BuddyProfileFactory()
    CertificationFactory(user=profile.user, training=TrainingFactory(code="repair-cafe-host"))

    assert not buddies.is_trained_buddy(profile.user)


def test_the_training_is_the_one_the_setting_names(settings):
    profile = BuddyProfileFactory()
    CertificationFactory(user=profile.user, training=TrainingFactory(code="flood-buddy"))
    assert not buddies.is_trained_buddy(profile.user)

    settings.SOLIDARITY_BUDDY_TRAINING = "flood-buddy"
    assert buddies.is_trained_buddy(profile.user)
    assert list(buddies.trained_buddies()) == [profile]


def test_trained_buddies_agrees_with_is_trained_buddy_in_one_query():
    today = timezone.localdate()
    valid = BuddyProfileFactory()
    certify(valid.user)
    renewed = BuddyProfileFactory()  # an old expired certification and a new valid one: listed once
    certify(renewed.user, granted_on=today - timedelta(days=900), expires_on=today - timedelta(days=100))
    certify(renewed.user)
    expired = BuddyProfileFactory()
    certify(expired.user, granted_on=today - timedelta(days=800), expires_on=today - timedelta(days=1))
    revoked = BuddyProfileFactory()
    certify(revoked.user, status=Certification.Status.REVOKED)
    not_yet = BuddyProfileFactory()  # granted from a session that has not taken place
    certify(not_yet.user, granted_on=today + timedelta(days=3))
    deactivated = BuddyProfileFactory(user=MemberFactory(is_active=False))
    certify(deactivated.user)
    untrained = BuddyProfileFactory()
    MemberFactory()  # certified without a buddy profile: no profile to list
    certify(MemberFactory())
    profiles = [valid, renewed, expired, revoked, not_yet, deactivated, untrained]

    with CaptureQueriesContext(connection) as queries:
        listed = list(buddies.trained_buddies())
    assert len(queries) == 1
    assert sorted(profile.pk for profile in listed) == sorted([valid.pk, renewed.pk])
    assert {profile.pk for profile in profiles if buddies.is_trained_buddy(profile.user)} == {
        profile.pk for profile in listed
    }


def test_the_buddy_certification_is_the_one_lasting_longest():
    today = timezone.localdate()
    profile = BuddyProfileFactory()
    certify(profile.user, granted_on=today - timedelta(days=600), expires_on=today + timedelta(days=10))
    later = certify(profile.user, expires_on=today + timedelta(days=400))

    assert buddies.buddy_certification(profile.user) == later
