"""The places map's list, its GeoJSON and a place page, against the real Paris data (times `scale` copies)."""

import random

NAME = "places"
DESCRIPTION = "Places list, filtered list, GeoJSON API and place page on the Paris open data"


def prepare(scale: int) -> None:
    from django.core.management import call_command

    from mobilization.territory.models import District, Place

    if not District.objects.exists():
        call_command("import_paris", verbosity=0)
    originals = list(Place.objects.filter(source_dataset__in=_real_datasets()).order_by("pk"))
    wanted = len(originals) * scale
    existing = Place.objects.count()
    if existing >= wanted:
        return
    rng = random.Random(42)  # noqa: S311 - reproducible synthetic data
    copies = []
    for copy_number in range(1, scale):
        for place in originals:
            copies.append(
                Place(
                    kind=place.kind,
                    category=place.category,
                    name=f"{place.name} ({copy_number})",
                    address=place.address,
                    district_id=place.district_id,
                    lat=place.lat + rng.uniform(-0.002, 0.002),
                    lon=place.lon + rng.uniform(-0.002, 0.002),
                    opening_hours=place.opening_hours,
                    is_free=place.is_free,
                    is_available=place.is_available,
                    source_dataset="bench",
                    source_id=f"{copy_number}-{place.pk}",
                )
            )
    Place.objects.bulk_create(copies, batch_size=2000, ignore_conflicts=True)


def _real_datasets() -> list[str]:
    from mobilization.territory.models import Place

    return [
        name for name in Place.objects.values_list("source_dataset", flat=True).distinct() if name != "bench"
    ]


# What residents open all at once in a heatwave: every places page must keep up with the initiatives list
# (issue 11), cached and cold, at 50 connections without a timeout.
MIN_RATIO_TO_HELLO = 0.17


def targets() -> list[tuple[str, str, float]]:
    """(label, path, least ratio to hello). "cold": the results cache misses on every request (a fresh
    `nocache` parameter, see bench/percentiles.lua), which measures building the list, not serving it."""
    from django.urls import reverse

    from mobilization.territory.models import Place

    place = Place.objects.filter(kind=Place.Kind.COOL_PLACE).order_by("pk").first()
    places = reverse("territory:places")
    api = reverse("api:list_places")
    pages = [
        ("places list", places),
        ("places list, fountains, 11th", f"{places}?kind=fountain&district=75111"),
        ("nearest places (11th)", f"{places}?near_district=75111"),
        ("places GeoJSON (API, 100)", f"{api}?limit=100"),
        ("nearest GeoJSON (API, 100)", f"{api}?limit=100&lat=48.8590&lon=2.3800"),
    ]
    cached = [(label, path, MIN_RATIO_TO_HELLO) for label, path in pages]
    cold = [
        (f"{label}, cold", f"{path}{'&' if '?' in path else '?'}nocache=__n__", MIN_RATIO_TO_HELLO)
        for label, path in pages
    ]
    return [
        *cached,
        *cold,
        ("place page", reverse("territory:place", args=[place.pk]), MIN_RATIO_TO_HELLO),
    ]
