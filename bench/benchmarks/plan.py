"""The Climate Plan's dashboard, an objective page (with its SVG chart, cold and cached) and the actions
list at the size of a large plan: 50 objectives, 200 indicators of 30 years each and, when the actions app
is there, 2,000 actions linked to the objectives.

The actions look like a real plan's, so that the list's sector overview (one query that leaves out a
sub-action whose parent is listed in the same sector) and the progress of parents (`recompute_all`, run
once the actions exist) work on a realistic shape: every sector, with big ones and small ones; one action
in ten is a parent of 2 to 8 sub-actions, and one parent in five is itself part of a programme, so some
chains are three levels deep; a few sub-actions sit in another sector than their parent's."""

import random

NAME = "plan"
DESCRIPTION = (
    "Climate Plan dashboard, objective page and chart, actions list: 50 objectives, 200 indicators × 30 "
    "years, 2,000 actions in sectors with sub-actions"
)

OBJECTIVES = 50
INDICATORS = 200
YEARS = range(1995, 2025)
ACTIONS = 2000
PARENT_SHARE = 0.10  # of the actions, parents of sub-actions
SUB_ACTIONS_PER_PARENT = range(2, 9)
PROGRAMME_SHARE = 0.2  # of the parents, themselves sub-actions of another parent (three levels)
# Sectors and how many of a plan's actions they hold (roughly those of Paris's Climate Plan).
SECTOR_SHARES = {
    "buildings": 20,
    "transport": 20,
    "energy": 14,
    "greening": 10,
    "waste": 9,
    "adaptation": 9,
    "food": 7,
    "economy": 6,
    "mixed": 3,
    "other": 2,
}
DEPARTMENTS = [
    "Direction de la transition écologique et du climat",
    "Direction de la voirie et des déplacements",
    "Direction du logement et de l'habitat",
    "Direction des constructions publiques et de l'architecture",
    "Direction des espaces verts et de l'environnement",
    "Direction de la propreté et de l'eau",
    "Direction des affaires scolaires",
    "Direction de l'attractivité et de l'emploi",
]


def prepare(scale: int) -> None:
    from mobilization.plan.models import Objective

    if not Objective.objects.filter(slug__startswith="bench-").exists():
        _prepare_objectives(scale)
    objectives = list(Objective.objects.filter(slug__startswith="bench-").order_by("position"))
    # Apart from the objectives' so that a dataset built before the actions had sectors gets them.
    _prepare_actions(objectives, scale, random.Random(43))  # noqa: S311 - reproducible synthetic data


def _prepare_objectives(scale: int) -> None:
    from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target

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


def _prepare_actions(objectives, scale: int, rng) -> None:
    try:
        from mobilization.plan.actions import services
        from mobilization.plan.actions.models import Action
    except ImportError:
        print("plan benchmark: no plan actions app, actions skipped")
        return
    bench_actions = Action.objects.filter(reference__startswith="BENCH-")
    if bench_actions.filter(parent__isnull=False).exists():
        return
    if bench_actions.exists():
        print("plan benchmark: actions without sectors nor sub-actions (an older dataset), built again")
        bench_actions.delete()  # none has a parent, so none is protected
    plan = _action_tree(ACTIONS * scale, rng)
    # Parents before their sub-actions: each level is created once the level above has its ids.
    ids: dict[str, int] = {}
    for level in sorted({spec["level"] for spec in plan}):
        Action.objects.bulk_create(
            [
                Action(
                    reference=spec["reference"],
                    title=spec["title"],
                    sector=spec["sector"],
                    department=spec["department"],
                    status=spec["status"],
                    progress_override=spec["progress_override"],
                    budget_planned=spec["budget_planned"],
                    budget_spent=spec["budget_spent"],
                    weight=spec["weight"],
                    parent_id=ids[spec["parent"]] if spec["parent"] else None,
                )
                for spec in plan
                if spec["level"] == level
            ],
            batch_size=1000,
        )
        ids.update(bench_actions.values_list("reference", "pk"))
    services.recompute_all()  # the parents' progress from their sub-actions, as an import leaves it
    links = Action.objectives.through
    links.objects.bulk_create(
        [
            links(action_id=ids[spec["reference"]], objective_id=objectives[index % len(objectives)].pk)
            for index, spec in enumerate(plan)
        ],
        batch_size=2000,
    )


def _action_tree(count: int, rng) -> list[dict]:
    """`count` action specs: standalone actions, parents (some within a programme) and their sub-actions.

    Level 0 has no parent, level 1 is under a level-0 parent, level 2 under a level-1 one."""
    sectors = list(SECTOR_SHARES)
    shares = list(SECTOR_SHARES.values())
    statuses = ["planned", "in_progress", "in_progress", "delayed", "completed", "abandoned"]
    references = [f"BENCH-{number:05d}" for number in range(count)]
    parents = references[: max(1, round(count * PARENT_SHARE))]
    programmes = parents[: round(len(parents) * (1 - PROGRAMME_SHARE))]
    specs = {}

    def spec(reference, parent=None, level=0):
        sector = rng.choices(sectors, shares)[0]
        if parent and rng.random() < 0.9:
            sector = specs[parent]["sector"]  # a sub-action mostly shares its parent's sector
        budget = rng.choice([None, rng.randrange(50_000, 50_000_000, 1_000)])
        specs[reference] = {
            "reference": reference,
            "title": f"Action {int(reference.removeprefix('BENCH-'))}",
            "parent": parent,
            "level": level,
            "sector": sector,
            "department": rng.choice(DEPARTMENTS),
            "status": rng.choice(statuses),
            "progress_override": rng.choice([None] * 6 + [rng.randint(0, 100)]),
            "budget_planned": budget,
            "budget_spent": round(budget * rng.uniform(0, 1.1)) if budget else None,
            "weight": rng.choice([None, None, rng.randint(1, 5)]) if parent else None,
        }

    for reference in programmes:
        spec(reference)
    for reference in parents[len(programmes) :]:
        spec(reference, parent=rng.choice(programmes), level=1)
    remaining = iter(references[len(parents) :])
    for parent in parents:
        for _child in range(rng.choice(SUB_ACTIONS_PER_PARENT)):
            reference = next(remaining, None)
            if reference is None:
                break
            spec(reference, parent=parent, level=specs[parent]["level"] + 1)
    for reference in remaining:
        spec(reference)
    return [specs[reference] for reference in references]


# The actions list must keep up with the initiatives list (issue 11), cached and cold, at 50 connections
# without a timeout; the other pages are measured without a target.
MIN_RATIO_TO_HELLO = 0.17


def targets() -> list[tuple]:
    """(label, path[, least ratio to hello]). "cold": the list's cache misses on every request."""
    from django.urls import reverse

    from mobilization.plan.models import Objective

    objective = Objective.objects.filter(slug__startswith="bench-").order_by("position")[1]
    actions = reverse("plan_actions:list")
    return [
        ("plan dashboard", reverse("plan:dashboard")),
        ("objective page", reverse("plan:objective", args=[objective.slug])),
        ("objective chart SVG (cached)", reverse("plan:chart", args=[objective.slug])),
        ("objectives API", "/api/v1/plan/objectives"),
        ("actions list (sector overview)", actions, MIN_RATIO_TO_HELLO),
        ("actions list, one sector", f"{actions}?sector=transport", MIN_RATIO_TO_HELLO),
        ("actions list, cold", f"{actions}?nocache=__n__", MIN_RATIO_TO_HELLO),
        ("actions list, one sector, cold", f"{actions}?sector=transport&nocache=__n__", MIN_RATIO_TO_HELLO),
    ]
