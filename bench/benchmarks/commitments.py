"""The registry of commitments at the size of a big city's: 1,000 organisations (all verified) in the
arrondissements and 5,000 commitments with their figures, linked to the Climate Plan's objectives.

The commitments carry the figures the registry lists and sorts on (latest values, progress), as
`services.refresh_figures` keeps them; their reports are not needed by the list, so none are made."""

import random

NAME = "commitments"
DESCRIPTION = "Registry of commitments: 1,000 organisations, 5,000 commitments, filters and sorting"

ORGANISATIONS = 1000
COMMITMENTS = 5000
MIN_RATIO_TO_HELLO = 0.17


def prepare(scale: int) -> None:
    from django.core.management import call_command

    from mobilization.commitments.models import Commitment, Organisation
    from mobilization.core.themes import Theme
    from mobilization.territory.models import District

    if Commitment.objects.count() >= COMMITMENTS * scale:
        return
    if not District.objects.arrondissements().exists():
        call_command("import_paris", verbosity=0)
    districts = list(District.objects.arrondissements())
    rng = random.Random(13)  # noqa: S311 - reproducible synthetic data
    kinds = [choice for choice, _label in Organisation.Kind.choices]
    sizes = [choice for choice, _label in Organisation.SizeBand.choices]
    start = Organisation.objects.count()
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {number:05d}",
            slug=f"bench-organisation-{number:05d}",
            kind=rng.choice(kinds),
            size_band=rng.choice(sizes),
            district=rng.choice(districts),
            status=Organisation.Status.VERIFIED,
        )
        for number in range(start, ORGANISATIONS * scale)
    )
    organisations = list(Organisation.objects.only("pk"))
    themes = [choice for choice, _label in Theme.choices]
    statuses = [s for s, _label in Commitment.Status.choices]
    commitments = []
    for number in range(Commitment.objects.count(), COMMITMENTS * scale):
        baseline = rng.uniform(10, 5000)
        latest = baseline * rng.uniform(0.6, 1.05)
        commitments.append(
            Commitment(
                organisation=rng.choice(organisations),
                title=f"Commitment {number:05d}",
                indicator="Greenhouse gas emissions",
                unit="tCO2e",
                theme=rng.choice(themes),
                baseline_year=2019,
                baseline_value=baseline,
                target_year=rng.choice([2027, 2030, 2035]),
                target_value=baseline / 2,
                status=rng.choice(statuses),
                latest_value=latest,
                latest_verified_value=latest if rng.random() < 0.7 else None,
                progress_percent=(latest - baseline) / (baseline / 2 - baseline) * 100,
                is_public=True,
            )
        )
    Commitment.objects.bulk_create(commitments, batch_size=1000)


def targets() -> list[tuple]:
    """(label, path[, least ratio to hello]). "cold": the list's cache misses on every request."""
    from django.urls import reverse

    commitments = reverse("commitments:list")
    organisations = reverse("commitments:organisations")
    return [
        ("commitments registry", commitments, MIN_RATIO_TO_HELLO),
        (
            "commitments, one theme by progress",
            f"{commitments}?theme=energy&sort=progress",
            MIN_RATIO_TO_HELLO,
        ),
        ("commitments registry, cold", f"{commitments}?nocache=__n__", MIN_RATIO_TO_HELLO),
        (
            "commitments, one status, cold",
            f"{commitments}?status=off_track&sort=progress&nocache=__n__",
            MIN_RATIO_TO_HELLO,
        ),
        ("organisations registry", organisations, MIN_RATIO_TO_HELLO),
        ("commitments API", "/api/v1/commitments/"),
    ]
