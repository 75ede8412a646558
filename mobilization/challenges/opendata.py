"""The published results of challenges as open data (CSV, JSON and the API): one row per team, counts and
estimated kgCO2e only, never a person."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from mobilization.challenges.models import Challenge, Team
from mobilization.core.opendata import ODBL, Column, Dataset


def result_queryset():
    return (
        Team.objects.filter(challenge__status=Challenge.Status.RESULTS_PUBLISHED)
        .select_related("challenge", "district")
        .annotate(
            people=Count("participants", distinct=True),
            ticks=Count("participants__check_ins"),
            kg=Sum("participants__check_ins__kg_co2e"),
        )
        .order_by("challenge__starts_on", "challenge_id", "name", "pk")
    )


def result_row(team) -> dict:
    challenge = team.challenge
    return {
        "challenge_id": challenge.pk,
        "challenge": challenge.title,
        "starts_on": challenge.starts_on,
        "ends_on": challenge.ends_on,
        "results_published_at": challenge.results_published_at,
        "team_id": team.pk,
        "team": team.name,
        "team_kind": team.kind,
        "arrondissement": team.district.number if team.district_id else None,
        "participants": team.people,
        "check_ins": team.ticks,
        "kg_co2e_estimated": float(team.kg or 0),
    }


def result_rows():
    return (result_row(team) for team in result_queryset().iterator(chunk_size=500))


RESULTS = Dataset(
    slug="challenge-results",
    title=_("Results of collective challenges"),
    description=_(
        "For each challenge whose results are published, each team: its participants, their daily "
        "check-ins, and the kgCO2e they avoided, estimated with the Nos Gestes Climat model's own action "
        "savings (a day of an action avoids a 365th of its yearly saving, for the person's footprint answers "
        "or the model's defaults). Counts only, never a person."
    ),
    columns=(
        Column("challenge_id", _("identifier of the challenge")),
        Column("challenge", _("title of the challenge")),
        Column("starts_on", _("first day (ISO 8601)")),
        Column("ends_on", _("last day (ISO 8601)")),
        Column("results_published_at", _("when the results were published (ISO 8601)")),
        Column("team_id", _("identifier of the team")),
        Column("team", _("name of the team")),
        Column(
            "team_kind",
            _(
                "district (an arrondissement's team), volunteers (formed by volunteers) or organisation "
                "(an organisation's team)"
            ),
        ),
        Column("arrondissement", _("number of the team's arrondissement, if it is one's")),
        Column("participants", _("people in the team")),
        Column("check_ins", _("daily check-ins of the team's people")),
        Column("kg_co2e_estimated", _("kgCO2e avoided, estimated"), unit="kgCO2e"),
    ),
    licence=ODBL,
    rows=result_rows,
)
