"""Factories of solidarity: registered residents (synthetic: fictitious names, numbers ARCEP keeps for
fiction) and buddy profiles. Their arrondissement must contain their point: pass `district` and a point
inside it, or take the defaults (the 11th, a square around 48.859, 2.380)."""

from datetime import date

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mobilization.solidarity.models import BuddyProfile, VulnerableResident
from mobilization.territory.tests.factories import ArrondissementFactory

POINT = (48.8591, 2.3802)


def eleventh():
    from mobilization.territory.models import District

    existing = District.objects.filter(level=District.Level.ARRONDISSEMENT, number=11).first()
    return existing or ArrondissementFactory(number=11, centroid_lat=48.859, centroid_lon=2.380)


class ResidentFactory(DjangoModelFactory):
    class Meta:
        model = VulnerableResident

    first_name = "Jeanne"
    last_name = factory.Sequence(lambda n: f"Fictif-{n}")
    date_of_birth = date(1940, 7, 14)
    category = VulnerableResident.Category.AGED_65
    address = "12 rue de la Démo, 75011 Paris"
    lat, lon = round(POINT[0], 3), round(POINT[1], 3)
    district = factory.LazyFunction(eleventh)
    access_notes = "Code 4821A, 3e étage"
    phone = "+33199001234"
    languages = factory.LazyFunction(lambda: ["fr"])
    emergency_contact = "Sa fille, 06 39 98 00 11"
    care_service = "SSIAD Paris Centre"
    registered_as = VulnerableResident.RegisteredBy.STAFF_PHONE
    consent_version = "2026-12-phone"
    consent_wording = "The person agreed on the phone."
    consent_given_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class BuddyProfileFactory(DjangoModelFactory):
    class Meta:
        model = BuddyProfile

    user = factory.SubFactory("mobilization.accounts.tests.factories.MemberFactory")
    base_district = factory.LazyFunction(eleventh)
    base_lat, base_lon = 48.859, 2.380
    languages = factory.LazyFunction(lambda: ["fr"])


def buddy_training():
    """The training whose certification makes a buddy (the setting's code), created once per test."""
    from mobilization.learning.models import Training
    from mobilization.learning.tests.factories import TrainingFactory
    from mobilization.solidarity.buddies import buddy_training_code

    code = buddy_training_code()
    return Training.objects.filter(code=code).first() or TrainingFactory(
        code=code, title="Binôme solidarité canicule"
    )


def certify(user, **kwargs):
    """Give `user` a certification of the buddies' training (valid unless `kwargs` say otherwise)."""
    from mobilization.learning.tests.factories import CertificationFactory

    return CertificationFactory(user=user, training=buddy_training(), **kwargs)
