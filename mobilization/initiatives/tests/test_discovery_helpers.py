"""Builders shared by the discovery tests (search, list, map, feeds, API, digest). No tests here."""

import itertools
from datetime import timedelta

from django.utils import timezone

from mobilization.accounts.models import Profile, User
from mobilization.initiatives import search
from mobilization.initiatives.models import Initiative
from mobilization.territory.models import City, District

_numbers = itertools.count(1)

# Rough centroids of a few arrondissements, enough for "nearest" tests.
CENTROIDS = {1: (48.8625, 2.3364), 11: (48.8591, 2.3800), 15: (48.8401, 2.2934), 20: (48.8634, 2.4011)}


def district(number: int = 11) -> District:
    city, _ = City.objects.get_or_create(insee_code="75056", defaults={"name": "Paris"})
    lat, lon = CENTROIDS.get(number, (48.86, 2.35))
    ring = [
        [lon - 0.01, lat - 0.01],
        [lon + 0.01, lat - 0.01],
        [lon + 0.01, lat + 0.01],
        [lon - 0.01, lat + 0.01],
        [lon - 0.01, lat - 0.01],
    ]
    found, _ = District.objects.get_or_create(
        city=city,
        level=District.Level.ARRONDISSEMENT,
        code=f"751{number:02d}",
        defaults={
            "number": number,
            "name": f"{number}e arrondissement",
            "centroid_lat": lat,
            "centroid_lon": lon,
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "area_m2": 2_000_000,
        },
    )
    return found


def user(email: str | None = None, *, display_name: str = "Camille", **profile) -> User:
    email = email or f"person{next(_numbers)}@example.test"
    person = User.objects.create_user(email=email, password="a long pass phrase")
    Profile.objects.create(user=person, display_name=display_name, **profile)
    return person


def initiative(
    title: str = "Atelier vélo participatif",
    *,
    summary: str = "Réparer son vélo ensemble.",
    description: str = "",
    themes=("mobility",),
    district_number: int = 11,
    status: str = Initiative.Status.PUBLISHED,
    published_days_ago: float = 1,
    organiser: User | None = None,
    lat: float | None = None,
    lon: float | None = None,
    index: bool = True,
    **extra,
) -> Initiative:
    where = district(district_number)
    created = Initiative.objects.create(
        title=title,
        summary=summary,
        description=description,
        themes=list(themes),
        district=where,
        lat=where.centroid_lat if lat is None else lat,
        lon=where.centroid_lon if lon is None else lon,
        organiser=organiser or user(display_name="Organiser"),
        status=status,
        published_at=(
            timezone.now() - timedelta(days=published_days_ago)
            if status in Initiative.PUBLIC_STATUSES
            else None
        ),
        **extra,
    )
    if index:
        search.reindex(created)
    return created
