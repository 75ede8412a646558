"""Factories of the events part: an extreme event over the 11th, and a buddy who holds the certification."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mobilization.solidarity.models import ExtremeEvent
from mobilization.solidarity.tests.factories import BuddyProfileFactory, certify, eleventh


class EventFactory(DjangoModelFactory):
    """An orange heatwave over the 11th (pass `districts=[…]` for others), on watch unless `status` says."""

    class Meta:
        model = ExtremeEvent
        skip_postgeneration_save = True

    hazard = ExtremeEvent._meta.get_field("hazard").choices[0][0]
    level = "orange"
    headline = "Canicule"
    starts_at = factory.LazyFunction(timezone.now)
    expected_end_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=4))

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create:
            self.districts.set(extracted if extracted is not None else [eleventh()])


def trained_buddy(**kwargs):
    """A buddy profile whose user holds a valid certification of the buddies' training."""
    profile = BuddyProfileFactory(**kwargs)
    certify(profile.user)
    return profile
