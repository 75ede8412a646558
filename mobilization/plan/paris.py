"""Paris's Climate Plan as the City published it: objectives, targets and figures, each with its source.

Every figure is the one in ../shared/data/paris/README.md ("Paris Climate Plan figures"); nothing is
invented. Two objectives (energy use, renewable share) have targets but no published figure in that
data: they show "no data yet". The issue mentions a 2022 carbon footprint: it is not in the shared data,
so it is not loaded (the note of the 2018 figure says so). `load_paris_plan()` is what the demo and the
tests call; it does nothing when the plan is already there.
"""

from django.db import transaction

from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target

PLAN_2018 = "Ville de Paris, Plan Climat 2018 / bilan carbone"
PLAN_2007 = "Ville de Paris, Plan Climat 2007 (révisé en 2012)"
SOURCE_URL = "https://www.paris.fr/pages/plan-climat-20189"
MT = "MtCO2e"

# slug, title, metric, unit, direction, baseline year, baseline value, baseline note, description
OBJECTIVES = [
    (
        "carbon-footprint",
        "Carbon footprint",
        "Greenhouse gases caused by the consumption of Paris's residents and visitors, wherever emitted",
        MT,
        Objective.Direction.DOWN,
        2004,
        28.0,
        "About 28 MtCO2e: the 2004 footprint was first published as 24 and revised upward when the method "
        "changed.",
        "The carbon footprint counts the emissions caused by what Paris consumes, including air travel and "
        "food produced elsewhere. The 2018 Climate Plan aims at −40 % in 2030 and −80 % in 2050 against "
        "2004.",
    ),
    (
        "local-emissions",
        "Local emissions",
        "Greenhouse gases emitted on the territory of Paris (territorial inventory)",
        MT,
        Objective.Direction.DOWN,
        2004,
        7.33,
        "Derived: the city reports 5.5 MtCO2e in 2018 as −25 % against 2004, so 2004 ≈ 5.5 / 0.75 = 7.33.",
        "Emissions from buildings, local transport and waste within the city's boundaries. Targets: −25 % "
        "in 2020 (2007 plan), −50 % in 2030 and zero local emissions in 2050 (2018 plan; the 2007 plan "
        "aimed at −75 % in 2050).",
    ),
    (
        "energy-use",
        "Energy use",
        "Energy consumed on the territory of Paris",
        "GWh",
        Objective.Direction.DOWN,
        2004,
        None,
        "The 2004 energy use is not in the published figures this platform holds.",
        "Targets: −25 % in 2020 (2007 plan) and −50 % in 2050 (2018 plan), against 2004.",
    ),
    (
        "renewable-share",
        "Renewable share",
        "Share of renewable energy in the energy consumed in Paris",
        "%",
        Objective.Direction.UP,
        2004,
        None,
        "The 2004 share is not in the published figures this platform holds.",
        "Targets: 25 % renewable energy in 2020 (2007 plan); 100 % in 2050, of which 20 % produced locally "
        "(2018 plan).",
    ),
]

# objective slug, year, value, percent of baseline, net zero, source, note
TARGETS = [
    ("carbon-footprint", 2030, None, -40, False, PLAN_2018, ""),
    ("carbon-footprint", 2050, None, -80, False, PLAN_2018, ""),
    ("local-emissions", 2020, None, -25, False, PLAN_2007, ""),
    ("local-emissions", 2030, None, -50, False, PLAN_2018, ""),
    ("local-emissions", 2050, 0.0, None, True, PLAN_2018, "Carbon neutrality: zero local emissions."),
    ("energy-use", 2020, None, -25, False, PLAN_2007, ""),
    ("energy-use", 2050, None, -50, False, PLAN_2018, ""),
    ("renewable-share", 2020, 25.0, None, False, PLAN_2007, ""),
    ("renewable-share", 2050, 100.0, None, False, PLAN_2018, "Of which 20 % produced locally."),
]

# slug, objective slug, title, unit, sector, is headline
INDICATORS = [
    ("carbon-footprint", "carbon-footprint", "Carbon footprint of Paris", MT, "", True),
    (
        "carbon-footprint-air-travel",
        "carbon-footprint",
        "Air travel's share of the footprint",
        "%",
        "Air travel",
        False,
    ),
    ("carbon-footprint-food", "carbon-footprint", "Food's share of the footprint", "%", "Food", False),
    ("local-emissions", "local-emissions", "Local (territorial) emissions of Paris", MT, "", True),
    ("energy-use", "energy-use", "Energy use in Paris", "GWh", "", True),
    ("renewable-share", "renewable-share", "Share of renewable energy", "%", "", True),
]

# indicator slug, year, value, note
VALUES = [
    (
        "carbon-footprint",
        2004,
        28.0,
        "About 28 MtCO2e: published as 24 at the time, revised upward with the method change.",
    ),
    ("carbon-footprint", 2014, 25.6, "Published as −9.2 % against 2004."),
    (
        "carbon-footprint",
        2018,
        22.7,
        "Published as −20 % against 2004 (22.7 / 28 is −18.9 %: the city computes on its unrounded 2004 "
        "figure). A 2022 footprint is mentioned in the plan's monitoring but is not in the data this "
        "platform holds: it is not shown.",
    ),
    ("carbon-footprint-air-travel", 2018, 33.0, "Air travel: 33 % of the 2018 footprint."),
    ("carbon-footprint-food", 2018, 17.0, "Food: 17 % of the 2018 footprint."),
    (
        "local-emissions",
        2004,
        7.33,
        "Derived, not published: 2018's 5.5 MtCO2e is −25 % against 2004, so 2004 ≈ 5.5 / 0.75 = 7.33.",
    ),
    ("local-emissions", 2018, 5.5, "Published as −25 % against 2004."),
]


@transaction.atomic
def load_paris_plan() -> dict:
    """Create Paris's objectives, targets, indicators and values; return what was created (nothing when
    the plan is already there)."""
    if Objective.objects.filter(slug="carbon-footprint").exists():
        return {}
    objectives = {}
    for position, (slug, title, metric, unit, direction, year, value, note, description) in enumerate(
        OBJECTIVES
    ):
        objectives[slug] = Objective.objects.create(
            slug=slug,
            title=title,
            metric=metric,
            unit=unit,
            direction=direction,
            baseline_year=year,
            baseline_value=value,
            baseline_note=note,
            description=description,
            position=position,
        )
    for slug, year, value, percent, net_zero, source, note in TARGETS:
        Target.objects.create(
            objective=objectives[slug],
            year=year,
            value=value,
            percent_of_baseline=percent,
            is_net_zero=net_zero,
            source=source,
            note=note,
        )
    indicators = {}
    for position, (slug, objective, title, unit, sector, headline) in enumerate(INDICATORS):
        indicators[slug] = Indicator.objects.create(
            slug=slug,
            objective=objectives[objective],
            title=title,
            unit=unit,
            sector=sector,
            is_headline=headline,
            position=position,
        )
    for slug, year, value, note in VALUES:
        IndicatorValue.objects.create(
            indicator=indicators[slug],
            year=year,
            value=value,
            status=IndicatorValue.Status.FINAL,
            source_citation=PLAN_2018,
            source_url=SOURCE_URL,
            note=note,
        )
    return {
        "objectives": len(objectives),
        "targets": len(TARGETS),
        "indicators": len(indicators),
        "values": len(VALUES),
    }
