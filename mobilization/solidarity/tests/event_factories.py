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


PARIS_ARRONDISSEMENTS = (
    __import__("pathlib").Path(__file__).resolve().parents[3].parent / "shared" / "data" / "paris"
) / "arrondissements.geojson"


def paris_arrondissements():
    """The 20 real arrondissements (outlines from the shared Paris data), for CAP areas and polygons."""
    import json

    from mobilization.territory.models import District
    from mobilization.territory.names import arrondissement_names
    from mobilization.territory.tests.factories import CityFactory

    existing = list(District.objects.filter(level=District.Level.ARRONDISSEMENT).order_by("number"))
    if len(existing) == 20:
        return existing
    city = existing[0].city if existing else CityFactory()
    by_number = {d.number: d for d in existing}
    for feature in json.loads(PARIS_ARRONDISSEMENTS.read_text())["features"]:
        p = feature["properties"]
        values = {
            "geometry": feature["geometry"],
            "area_m2": p["surface"],
            "centroid_lat": p["geom_x_y"][0],
            "centroid_lon": p["geom_x_y"][1],
            "code": str(p["c_arinsee"]),
        }
        if p["c_ar"] in by_number:
            District.objects.filter(pk=by_number[p["c_ar"]].pk).update(**values)
        else:
            District.objects.create(
                city=city,
                level=District.Level.ARRONDISSEMENT,
                number=p["c_ar"],
                # Named in each language as the territory's import names them, not the data's "11ème Ardt".
                name=arrondissement_names(p["c_ar"])["name_fr"],
                **arrondissement_names(p["c_ar"]),
                **values,
            )
    return list(District.objects.filter(level=District.Level.ARRONDISSEMENT).order_by("number"))
