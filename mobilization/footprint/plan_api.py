"""The anonymous figures of the footprints per arrondissement in the public API: the rows of the download
`footprints-by-arrondissement` (the same description), null where a group has fewer than 10 people."""

from ninja import Field, Router, Schema

from mobilization.footprint import downloads

router = Router(tags=["footprint"])


class ArrondissementFootprints(Schema):
    code: str | None = Field(description="INSEE code of the arrondissement; null for the whole city.")
    arrondissement: str
    fewer_than_10: bool = Field(description="Fewer than 10 people completed a footprint: no figure is given.")
    people: int | None = Field(description="People who completed a footprint (each once, their latest).")
    median_kgco2e: float | None = Field(description="Median of their latest footprints, kgCO2e a year.")
    plans_fewer_than_10: bool = Field(
        description="Fewer than 10 of them have an action plan: no plan figure."
    )
    plans: int | None = Field(description="People with an action plan that saves something.")
    committed_savings_kgco2e: float | None = Field(
        description="Savings committed in their action plans, added up (planned and done), kgCO2e a year."
    )
    model_version: str = Field(description="Version of the Nos Gestes Climat model.")


@router.get(
    "/footprint/arrondissements",
    response=list[ArrondissementFootprints],
    url_name="footprint_arrondissements",
    summary="Carbon footprints per arrondissement: people, median, committed savings (groups of 10 or more)",
    auth=None,
)
def arrondissements(request):
    return list(downloads.district_rows())
