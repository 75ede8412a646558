"""The Climate Plan's dashboard and an objective page (with its SVG chart, cold and cached) at the size
of a large plan: 50 objectives, 200 indicators of 30 years each and, when the actions app is there, 2,000
actions linked to the objectives."""

import random

NAME = "plan"
DESCRIPTION = "Climate Plan dashboard, objective page and chart: 50 objectives, 200 indicators × 30 years"

OBJECTIVES = 50
INDICATORS = 200
YEARS = range(1995, 2025)
ACTIONS = 2000


def prepare(scale: int) -> None:
    from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target

    if Objective.objects.filter(slug__startswith="bench-").exists():
        return
    rng = random.Random(42)  # noqa: S311 - reproducible synthetic data
    objectives = Objective.objects.bulk_create(
        Objective(
            slug=f"bench-{number:03d}",
            title=f"Objective {number}",
            metric="Synthetic metric",
            unit="ktCO2e" if number % 5 else "%",
            direction="up" if number % 5 == 0 else "down",
            baseline_year=YEARS[0],
            baseline_value=1000.0 if number % 5 else 10.0,
            position=number,
        )
        for number in range(OBJECTIVES * scale)
    )
    objectives = list(Objective.objects.filter(slug__startswith="bench-").order_by("position"))
    targets = []
    for objective in objectives:
        up = objective.direction == "up"
        targets.append(
            Target(objective=objective, year=2030, value=60.0)
            if up
            else Target(objective=objective, year=2030, percent_of_baseline=-50)
        )
        targets.append(
            Target(objective=objective, year=2050, value=100.0)
            if up
            else Target(objective=objective, year=2050, value=0.0, is_net_zero=True)
        )
    Target.objects.bulk_create(targets)
    indicators = []
    for number in range(INDICATORS * scale):
        objective = objectives[number % len(objectives)]
        headline = number < len(objectives)
        indicators.append(
            Indicator(
                objective=objective,
                slug=f"bench-indicator-{number:04d}",
                title=f"Indicator {number}",
                unit=objective.unit,
                sector="" if headline else rng.choice(["Buildings", "Transport", "Food", "Waste"]),
                is_headline=headline,
                position=number,
            )
        )
    Indicator.objects.bulk_create(indicators)
    indicators = list(
        Indicator.objects.filter(slug__startswith="bench-indicator-").select_related("objective")
    )
    values = []
    for indicator in indicators:
        level = indicator.objective.baseline_value
        rate = (
            rng.uniform(-0.03, 0.01) if indicator.objective.direction == "down" else rng.uniform(0.01, 0.06)
        )
        for offset, year in enumerate(YEARS):
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    year=year,
                    value=round(level * (1 + rate) ** offset * rng.uniform(0.97, 1.03), 3),
                    status="final" if year < YEARS[-1] else "provisional",
                    source_citation="Synthetic benchmark data",
                    source_url="https://example.org/bench",
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    _prepare_actions(objectives, scale, rng)


def _prepare_actions(objectives, scale: int, rng) -> None:
    try:
        from mobilization.plan.actions.models import Action
    except ImportError:
        print("plan benchmark: no plan actions app, actions skipped")
        return
    statuses = [choice for choice, _label in Action.Status.choices]
    actions = Action.objects.bulk_create(
        Action(
            reference=f"BENCH-{number:05d}",
            title=f"Action {number}",
            status=rng.choice(statuses),
            progress=rng.randint(0, 100),
        )
        for number in range(ACTIONS * scale)
    )
    actions = list(Action.objects.filter(reference__startswith="BENCH-").only("pk"))
    links = Action.objectives.through
    links.objects.bulk_create(
        [
            links(action_id=action.pk, objective_id=objectives[index % len(objectives)].pk)
            for index, action in enumerate(actions)
        ],
        batch_size=2000,
    )


def targets() -> list[tuple[str, str]]:
    from mobilization.plan.models import Objective

    objective = Objective.objects.filter(slug__startswith="bench-").order_by("position")[1]
    return [
        ("plan dashboard", "/plan/"),
        ("objective page", f"/plan/objectives/{objective.slug}/"),
        ("objective chart SVG (cached)", f"/plan/objectives/{objective.slug}/chart.svg"),
        ("objectives API", "/api/v1/plan/objectives"),
    ]
