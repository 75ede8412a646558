"""The versions that key the initiatives' cached blocks: each change forgets the right one."""

import pytest
from django.core.cache import cache

from mobilization.initiatives import cache as versions
from mobilization.initiatives.models import Initiative
from mobilization.initiatives.tests.factories import (
    ImpactRecordFactory,
    InitiativeFactory,
    NewsPostFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def test_a_saved_initiative_is_a_new_published_version():
    initiative = InitiativeFactory()
    versions.published_version()

    initiative.title = "Renamed"
    initiative.save()

    assert cache.get(versions.PUBLISHED_VERSION_KEY) is None


def test_a_deleted_initiative_is_a_new_published_version():
    initiative = InitiativeFactory()
    before = versions.published_version()

    initiative.delete()

    assert versions.published_version() != before


def test_an_unpublished_initiative_leaves_the_published_version():
    initiative = InitiativeFactory()
    before = versions.published_version()

    Initiative.objects.filter(pk=initiative.pk).update(paused_by_moderators=True, status="paused")
    versions.forget_published_version()

    assert versions.published_version() != before


def test_a_news_post_is_a_new_version_of_its_initiatives_page():
    initiative = InitiativeFactory()
    before = versions.content_version(initiative.pk)

    post = NewsPostFactory(initiative=initiative)
    after_save = versions.content_version(initiative.pk)
    post.delete()

    assert after_save != before
    assert versions.content_version(initiative.pk) != after_save


def test_an_impact_record_is_a_new_version_of_its_initiatives_page():
    initiative = InitiativeFactory()
    before = versions.content_version(initiative.pk)

    ImpactRecordFactory(initiative=initiative)

    assert versions.content_version(initiative.pk) != before


def test_a_partnership_is_a_new_version_of_both_pages():
    requester, partner, bystander = InitiativeFactory.create_batch(3)
    before = {initiative.pk: versions.content_version(initiative.pk) for initiative in (requester, partner)}
    bystanders_version = versions.content_version(bystander.pk)

    PartnershipFactory(requester=requester, partner=partner)

    assert versions.content_version(requester.pk) != before[requester.pk]
    assert versions.content_version(partner.pk) != before[partner.pk]
    assert versions.content_version(bystander.pk) == bystanders_version


def test_a_news_post_leaves_other_pages_alone():
    initiative, other = InitiativeFactory.create_batch(2)
    others_version = versions.content_version(other.pk)

    NewsPostFactory(initiative=initiative)

    assert versions.content_version(other.pk) == others_version


def test_the_events_version_changes_when_forgotten():
    before = versions.events_version()

    versions.forget_events_version()

    assert versions.events_version() != before
