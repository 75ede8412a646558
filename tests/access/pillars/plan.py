"""Access table rows of the plan app: public pages and API, and the climate team's forms."""

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone


def climate_team(outcome) -> dict:
    """City staff (and the administrator) only: visitors are sent to sign in, other members refused."""
    return {
        ANONYMOUS: LOGIN,
        OWNER: 403,
        OTHER: 403,
        COORDINATOR: 403,
        CITY_STAFF: outcome,
        ADMIN: outcome,
    }


OBJECTIVE = lambda world: {"slug": world.objective.slug}  # noqa: E731

ROWS: tuple = (
    Route("plan:dashboard", {"GET": everyone(200), "POST": everyone(405)}),
    Route("plan:open_data", {"GET": everyone(200), "POST": everyone(405)}),
    Route(
        "plan:download",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda world: {"dataset": "objectives", "format": "csv"},
    ),
    Route(
        "plan:indicator",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda world: {"slug": world.plan_indicator.slug},
    ),
    Route("plan:objective", {"GET": everyone(200), "POST": everyone(405)}, kwargs=OBJECTIVE),
    Route("plan:chart", {"GET": everyone(200), "POST": everyone(405)}, kwargs=OBJECTIVE),
    Route(
        "plan:add_value",
        {"GET": climate_team(200), "POST": climate_team({200, REDIRECT})},
        kwargs=OBJECTIVE,
    ),
    Route(
        "plan:target_add", {"GET": climate_team(200), "POST": climate_team({200, REDIRECT})}, kwargs=OBJECTIVE
    ),
    Route(
        "plan:target_edit",
        {"GET": climate_team(200), "POST": climate_team({200, REDIRECT})},
        kwargs=lambda world: {"slug": world.objective.slug, "pk": world.plan_target.pk},
    ),
    Route("api:plan_objectives", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:plan_objective", {"GET": everyone(200)}, kwargs=OBJECTIVE),
    Route("api:plan_indicators", {"GET": everyone(200), "POST": everyone(405)}),
    Route(
        "api:plan_indicator", {"GET": everyone(200)}, kwargs=lambda world: {"slug": world.plan_indicator.slug}
    ),
)


def build(world) -> None:
    """An objective with a target and a headline series: world.objective, world.plan_target,
    world.plan_indicator."""
    from mobilization.plan.tests.factories import (
        IndicatorFactory,
        IndicatorValueFactory,
        ObjectiveFactory,
        TargetFactory,
    )

    objective = ObjectiveFactory(
        slug="carbon-footprint",
        title="Carbon footprint",
        metric="Consumption emissions",
        unit="MtCO2e",
        baseline_year=2004,
        baseline_value=28.0,
    )
    target = TargetFactory(objective=objective, year=2030, percent_of_baseline=-40)
    indicator = IndicatorFactory(
        objective=objective, slug="carbon-footprint", title="Carbon footprint", is_headline=True
    )
    for year, value in ((2004, 28.0), (2014, 25.6), (2018, 22.7)):
        IndicatorValueFactory(
            indicator=indicator,
            year=year,
            value=value,
            source_citation="Ville de Paris",
            source_url="https://www.paris.fr/pages/plan-climat-20189",
        )
    objective.refresh_from_db()
    world.extra.update(objective=objective, plan_target=target, plan_indicator=indicator)
