"""The open data of the footprint calculator: the anonymous figures per arrondissement, through the
kernel's kit (`core.opendata`), under the ODbL like the city's other public figures. The API gives the
same rows (`GET /api/v1/footprint/arrondissements`)."""

from django.utils.translation import gettext_lazy as _

from mobilization.core.opendata import ODBL, Column, Dataset
from mobilization.footprint import aggregates, services


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def district_row(row: aggregates.DistrictRow) -> dict:
    figures = row.figures
    return {
        "code": row.code or None,
        "arrondissement": row.name,
        "fewer_than_10": not figures.is_shown,
        "people": figures.people,
        "median_kgco2e": _rounded(figures.median_kg),
        "plans_fewer_than_10": figures.is_shown and not figures.plans_shown,
        "plans": figures.plans,
        "committed_savings_kgco2e": _rounded(figures.committed_kg),
        "model_version": services.MODEL_VERSION,
    }


def district_rows():
    for row in aggregates.by_arrondissement():
        yield district_row(row)


BY_ARRONDISSEMENT = Dataset(
    slug="footprints-by-arrondissement",
    title=_("Carbon footprints per arrondissement"),
    description=_(
        "For each arrondissement, and for the whole city: how many people completed their carbon footprint "
        "on the platform (each person once, with their latest footprint and the arrondissement they gave "
        "with it), the median of their footprints, and the savings they committed in their action plans. "
        "Figures are published only for groups of at least 10 people; smaller groups are marked and their "
        "figures left empty. Footprints are computed with ADEME's Nos Gestes Climat model."
    ),
    columns=(
        Column("code", _("INSEE code of the arrondissement (empty for the whole city)")),
        Column("arrondissement", _("name of the arrondissement")),
        Column(
            "fewer_than_10", _("true when fewer than 10 people completed a footprint: no figure is given")
        ),
        Column("people", _("people who completed a footprint")),
        Column("median_kgco2e", _("median of their latest footprints"), unit="kgCO2e/year"),
        Column(
            "plans_fewer_than_10",
            _("true when fewer than 10 of them have an action plan: its figures are left empty"),
        ),
        Column("plans", _("people with an action plan that saves something")),
        Column(
            "committed_savings_kgco2e",
            _("savings committed in their action plans, added up (planned and done)"),
            unit="kgCO2e/year",
        ),
        Column("model_version", _("version of the Nos Gestes Climat model")),
    ),
    licence=ODBL,
    rows=district_rows,
    attribution=_("Footprints computed with Nos Gestes Climat (ADEME), MIT licence."),
)

DATASETS = {BY_ARRONDISSEMENT.slug: BY_ARRONDISSEMENT}
