"""Factories of the footprint calculator, for its tests and the project-level ones."""

import factory
from factory.django import DjangoModelFactory

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.footprint.models import SavedFootprint


class SavedFootprintFactory(DjangoModelFactory):
    class Meta:
        model = SavedFootprint

    user = factory.SubFactory(MemberFactory)
    situation = factory.LazyFunction(lambda: {"logement . surface": 45})
    total_kg = 8000.0
    categories = factory.LazyFunction(lambda: {"transport": 2000.0, "alimentation": 2000.0})
    model_version = "4.10.2"
