"""The guides list of the learning app: 3,000 published resources in every theme, kind, language and
level, listed, filtered, and searched (accent-insensitive full text, a different query on every request).

The resources' texts are drawn from a small French and English vocabulary, so that a search finds some
and misses others as people's do."""

import random

NAME = "learning"
DESCRIPTION = "Guides list: 3,000 resources, list, filters, full-text searches"

RESOURCES = 3000
WORDS = [
    "canicule",
    "chaleur",
    "vélo",
    "vélos",
    "compost",
    "jardin",
    "énergie",
    "energy",
    "solaire",
    "repair",
    "bike",
    "climat",
    "eau",
    "arbres",
    "école",
    "épicerie",
    "solidarity",
    "atelier",
    "trees",
    "café",
    "fraîcheur",
    "isolation",
    "copropriété",
    "voisins",
    "personnes",
    "âgées",
    "recettes",
    "saison",
    "déchets",
    "réparer",
    "boire",
    "volets",
    "rue",
    "pluie",
]


def prepare(scale: int) -> None:
    from django.utils import timezone

    from mobilization.accounts.models import User
    from mobilization.core.themes import Theme
    from mobilization.learning import search
    from mobilization.learning.models import Resource

    wanted = RESOURCES * scale
    if Resource.objects.count() >= wanted:
        return
    rng = random.Random(15)  # noqa: S311 - reproducible synthetic data
    author, _created = User.objects.get_or_create(email="bench-author@example.org")
    now = timezone.now()

    def text(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    batch = [
        Resource(
            title=text(4).capitalize(),
            summary=text(14),
            body=text(80),
            kind=rng.choice(Resource.Kind.values),
            theme=rng.choice(Theme.values),
            language=rng.choice(["fr", "fr", "fr", "en"]),
            level=rng.choice(Resource.Level.values),
            status=Resource.Status.PUBLISHED,
            published_at=now,
            author=author,
        )
        for _ in range(wanted - Resource.objects.count())
    ]
    for resource in Resource.objects.bulk_create(batch, batch_size=500):
        search.reindex(resource)


def targets() -> list[tuple]:
    from django.urls import reverse

    listing = reverse("learning:resource_list")
    return [
        ("guides list", listing),
        ("guides, theme and level", f"{listing}?theme=solidarity&level=beginner"),
        ("guides search ?q=canicule", f"{listing}?q=canicule"),
        # The results cache missed every time (see bench/percentiles.lua): building the page.
        ("guides list, cache missed", f"{listing}?nocache=__n__"),
        ("guides search, a new query each time", f"{listing}?q=__q__"),
    ]
