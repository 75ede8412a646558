"""Challenges in the public API: the published results, one row per team (counts and estimated kgCO2e,
never a person), the same rows as the open-data download."""

from ninja import Field, Router, Schema

from mobilization.challenges import opendata
from mobilization.challenges.models import Team
from mobilization.core.openapi import api_enum

router = Router(tags=["challenges"])

TeamKind = api_enum("ChallengeTeamKind", Team.Kind)


class ChallengeResultOut(Schema):
    challenge_id: int
    challenge: str
    starts_on: str
    ends_on: str
    results_published_at: str | None
    team_id: int
    team: str
    team_kind: TeamKind = Field(
        description="district (an arrondissement's team), volunteers or organisation (an organisation's team)"
    )
    arrondissement: int | None
    participants: int
    check_ins: int
    kg_co2e_estimated: float = Field(
        description="kgCO2e avoided, estimated with the Nos Gestes Climat model's action savings"
    )


@router.get(
    "/challenges/results",
    response=list[ChallengeResultOut],
    url_name="challenges_results",
    summary="Published results of collective challenges, by team",
)
def challenge_results(request):
    rows = []
    for team in opendata.result_queryset():
        row = opendata.result_row(team)
        row["starts_on"] = row["starts_on"].isoformat()
        row["ends_on"] = row["ends_on"].isoformat()
        published = row["results_published_at"]
        row["results_published_at"] = published.isoformat() if published else None
        rows.append(row)
    return rows
