"""The tallies of a challenge: its totals, and its teams and arrondissements ranked by kgCO2e avoided.

Each is one aggregate query. The page polls them every few seconds (htmx); they are kept in the cache, and
so is their HTML in each language, until the next check-in or new member of the challenge or a change of
its state (the services forget them) or a minute at most.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from mobilization.challenges.models import ChallengeCheckIn, Participant, Team

SECONDS = 60
ZERO = Decimal("0")


@dataclass(frozen=True)
class Row:
    rank: int
    name: str
    participants: int
    check_ins: int
    kg_co2e: Decimal
    url: str = ""  # an organisation's team: the organisation's page


@dataclass(frozen=True)
class Totals:
    participants: int
    teams: int
    check_ins: int
    kg_co2e: Decimal


def _key(challenge_pk: int, what: str) -> str:
    return f"challenges:{challenge_pk}:{what}"


def html_key(challenge_pk: int, language: str) -> str:
    """Where the page keeps the leaderboards' HTML, rendered in a language (views.board_html)."""
    return _key(challenge_pk, f"html:{language}")


def forget(challenge_pk: int) -> None:
    """After a check-in, a new team member or a change of state: the next reader computes them again."""
    keys = [_key(challenge_pk, what) for what in ("teams", "districts", "totals")]
    keys += [html_key(challenge_pk, code) for code, _name in settings.LANGUAGES]
    cache.delete_many(keys)


def _ranked(rows) -> list[Row]:
    ranked = []
    for index, (name, participants, check_ins, kg) in enumerate(rows):
        ranked.append(Row(index + 1, name, participants, check_ins, kg or ZERO))
    return ranked


def _cached(challenge_pk: int, what: str, compute):
    key = _key(challenge_pk, what)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value


def teams(challenge) -> list[Row]:
    def compute():
        rows = (
            Team.objects.filter(challenge=challenge)
            .annotate(
                people=Count("participants", distinct=True),
                ticks=Count("participants__check_ins"),
                kg=Coalesce(Sum("participants__check_ins__kg_co2e"), ZERO),
            )
            .order_by("-kg", "-ticks", "name", "pk")
            .values_list("name", "people", "ticks", "kg", "affiliation_url")
        )
        return [
            Row(index + 1, name, people, ticks, kg or ZERO, url)
            for index, (name, people, ticks, kg, url) in enumerate(rows)
        ]

    return _cached(challenge.pk, "teams", compute)


def districts(challenge) -> list[Row]:
    """Arrondissements by the check-ins of the participants who live there (their team's arrondissement,
    or the one on their profile); those who gave none are one row at the end, without a name or rank."""

    def compute():
        rows = (
            Participant.objects.filter(challenge=challenge)
            .values("district__number", "district__name")
            .annotate(
                people=Count("pk", distinct=True),
                ticks=Count("check_ins"),
                kg=Coalesce(Sum("check_ins__kg_co2e"), ZERO),
            )
            .order_by("-kg", "-ticks", "district__number")
        )
        named = [(r["district__name"], r["people"], r["ticks"], r["kg"]) for r in rows if r["district__name"]]
        unnamed = [r for r in rows if not r["district__name"]]
        ranked = _ranked(named)
        for r in unnamed:
            ranked.append(Row(0, "", r["people"], r["ticks"], r["kg"]))  # the page names it
        return ranked

    return _cached(challenge.pk, "districts", compute)


def totals(challenge) -> Totals:
    def compute():
        check_ins = ChallengeCheckIn.objects.filter(participant__challenge=challenge).aggregate(
            count=Count("pk"), kg=Coalesce(Sum("kg_co2e"), ZERO)
        )
        people = Participant.objects.filter(challenge=challenge).aggregate(
            count=Count("pk"), teams=Count("team", distinct=True, filter=Q(team__isnull=False))
        )
        return Totals(people["count"], people["teams"], check_ins["count"], check_ins["kg"])

    return _cached(challenge.pk, "totals", compute)
