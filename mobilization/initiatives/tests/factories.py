"""Factories of the initiatives' models, for every test that needs an initiative and the people around it.

`InitiativeFactory()` is a published initiative in the 11th arrondissement, indexed for search, whose
organiser is a new member with the organiser role; `district_number` and `published_days_ago` place it
elsewhere and earlier, `index=False` leaves it out of the search index. The other factories hang a
membership, a follow, a news post, a report, a partnership, an impact record or a message on one.
"""

import itertools
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mobilization.accounts.tests.factories import MemberFactory, UserFactory
from mobilization.core import roles
from mobilization.initiatives.models import (
    ContactMessage,
    ContentReport,
    Follow,
    ImpactRecord,
    Initiative,
    Membership,
    NewsPost,
    Partnership,
)
from mobilization.territory.tests.factories import ArrondissementFactory, square

# Rough centroids of a few arrondissements, enough for "nearest" tests; the others sit in the centre.
CENTROIDS = {1: (48.8625, 2.3364), 11: (48.8591, 2.3800), 15: (48.8401, 2.2934), 20: (48.8634, 2.4011)}
_emails = itertools.count(1)


class _SharedArrondissementFactory(ArrondissementFactory):
    """One arrondissement per number: asking for the 11th twice gives the same one."""

    class Meta:
        django_get_or_create = ("city", "level", "code")


def arrondissement(number: int = 11):
    """The arrondissement `number` of Paris (made once), a square around its rough centroid."""
    lat, lon = CENTROIDS.get(number, (48.86, 2.35))
    return _SharedArrondissementFactory(
        number=number, centroid_lat=lat, centroid_lon=lon, geometry=square(lat, lon), area_m2=2_000_000
    )


def person(email: str | None = None, *, display_name: str = "Camille", **profile):
    """An account with a profile (`home_district`, `themes`…) and nothing else: no consent, no role."""
    from mobilization.accounts.models import Profile

    user = UserFactory(email=email or f"person{next(_emails)}@example.test")
    Profile.objects.create(user=user, display_name=display_name, **profile)
    return user


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    class Params:
        district_number = 11
        published_days_ago = 1

    title = "Atelier vélo participatif"
    summary = "Réparer son vélo ensemble."
    description = ""
    themes = factory.LazyFunction(lambda: ["mobility"])
    district = factory.LazyAttribute(lambda initiative: arrondissement(initiative.district_number))
    lat = factory.LazyAttribute(lambda initiative: initiative.district.centroid_lat)
    lon = factory.LazyAttribute(lambda initiative: initiative.district.centroid_lon)
    organiser = factory.SubFactory(
        MemberFactory, display_name="Organiser", roles=(roles.VOLUNTEER, roles.ORGANISER)
    )
    status = Initiative.Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda initiative: (
            timezone.now() - timedelta(days=initiative.published_days_ago)
            if initiative.status in Initiative.PUBLIC_STATUSES
            else None
        )
    )

    @factory.post_generation
    def index(initiative, create, extracted, **kwargs):
        """Its search terms, as the services index them (`index=False` to leave them out)."""
        if create and extracted is not False:
            from mobilization.initiatives import search

            search.reindex(initiative)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(MemberFactory)
    message = "I can help"


class FollowFactory(DjangoModelFactory):
    class Meta:
        model = Follow

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(MemberFactory)


class NewsPostFactory(DjangoModelFactory):
    class Meta:
        model = NewsPost

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.LazyAttribute(lambda post: post.initiative.organiser)
    title = factory.Sequence(lambda number: f"News {number}")
    body = "Hello"


class ContentReportFactory(DjangoModelFactory):
    class Meta:
        model = ContentReport

    initiative = factory.SubFactory(InitiativeFactory)
    news_post = None
    reporter = factory.SubFactory(MemberFactory)
    reason = "Spam"


class PartnershipFactory(DjangoModelFactory):
    """`requester` asks `partner` to team up (proposed)."""

    class Meta:
        model = Partnership

    requester = factory.SubFactory(InitiativeFactory)
    partner = factory.SubFactory(InitiativeFactory)
    created_by = factory.LazyAttribute(lambda partnership: partnership.requester.organiser)
    message = "Team up?"


class ImpactRecordFactory(DjangoModelFactory):
    class Meta:
        model = ImpactRecord

    initiative = factory.SubFactory(InitiativeFactory)
    unit = ImpactRecord.Unit.PEOPLE_REACHED
    quantity = 10
    date = factory.LazyFunction(timezone.localdate)
    created_by = factory.LazyAttribute(lambda record: record.initiative.organiser)


class ContactMessageFactory(DjangoModelFactory):
    class Meta:
        model = ContactMessage

    initiative = factory.SubFactory(InitiativeFactory)
    sender = factory.SubFactory(MemberFactory)
    message = "Bonjour"
