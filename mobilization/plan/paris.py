"""Paris's Climate Plan as the City published it: objectives, targets and figures, each with its source.

Every figure is the one in ../shared/data/paris/README.md ("Paris Climate Plan figures"); nothing is
invented. Two objectives (energy use, renewable share) have targets but no published figure in that
data: they show "no data yet". The issue mentions a 2022 carbon footprint: it is not in the shared data,
so it is not loaded (the note of the 2018 figure says so).

One figure is not published but computed: the 2004 local emissions. The city publishes 5.5 MtCO2e in 2018
as "−25 % against 2004" and no 2004 figure, so 2004 is worked back as 5.5 / (1 − 0.25) = 7.33. It is the
baseline of the objective and a value of its series (without it a single figure has no trend); its
status is "derived" and its note says how it was computed, so no page shows it as published.

Every text is given in English (`title`, `note`...) and in French (`title_fr`...): the platform speaks
both, and these are the city's texts, not messages of the code that gettext would translate. They are
created with English active, so that `title` fills the English column (`title_en`, see
`plan/translation.py`). `load_paris_plan()` is what
the demo and the tests call; it does nothing when the plan is already there.
"""

from django.db import transaction
from django.utils import translation

from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target

PLAN_2018 = "Ville de Paris, Plan Climat 2018 / bilan carbone"
PLAN_2007 = "Ville de Paris, Plan Climat 2007 (révisé en 2012)"
SOURCE_URL = "https://www.paris.fr/pages/plan-climat-20189"
MT = "MtCO2e"

# 2018's local emissions, published as −25 % against 2004: the 2004 figure is computed from them.
LOCAL_EMISSIONS_2018 = 5.5
LOCAL_EMISSIONS_2018_CHANGE = -25
LOCAL_EMISSIONS_2004_DERIVED = round(LOCAL_EMISSIONS_2018 / (1 + LOCAL_EMISSIONS_2018_CHANGE / 100), 2)
DERIVED_NOTE = (
    "Derived by the platform from the published 2018 figure, not a published figure: 5.5 MtCO2e in 2018 "
    "is −25 % against 2004, so 2004 ≈ 5.5 / (1 − 0.25) = 7.33."
)
DERIVED_NOTE_FR = (
    "Calculé par la plateforme à partir du chiffre publié pour 2018, ce n'est pas un chiffre publié : "
    "5,5 MtCO2e en 2018, c'est −25 % par rapport à 2004, d'où 2004 ≈ 5,5 / (1 − 0,25) = 7,33."
)

OBJECTIVES = [
    {
        "slug": "carbon-footprint",
        "title": "Carbon footprint",
        "title_fr": "Empreinte carbone",
        "metric": "Greenhouse gases caused by the consumption of Paris's residents and visitors, wherever "
        "emitted",
        "metric_fr": "Gaz à effet de serre dus à la consommation des habitants et des visiteurs de Paris, où "
        "qu'ils soient émis",
        "unit": MT,
        "direction": Objective.Direction.DOWN,
        "baseline_year": 2004,
        "baseline_value": 28.0,
        "baseline_note": "About 28 MtCO2e: the 2004 footprint was first published as 24 and revised upward "
        "when the method changed.",
        "baseline_note_fr": "Environ 28 MtCO2e : l'empreinte de 2004, d'abord publiée à 24, a été revue à la "
        "hausse lors du changement de méthode.",
        "description": "The carbon footprint counts the emissions caused by what Paris consumes, including "
        "air travel and food produced elsewhere. The 2018 Climate Plan aims at −40 % in 2030 and −80 % in "
        "2050 against 2004.",
        "description_fr": "L'empreinte carbone compte les émissions causées par ce que Paris consomme, y "
        "compris les voyages en avion et l'alimentation produite ailleurs. Le Plan Climat 2018 vise −40 % "
        "en 2030 et −80 % en 2050 par rapport à 2004.",
    },
    {
        "slug": "local-emissions",
        "title": "Local emissions",
        "title_fr": "Émissions locales",
        "metric": "Greenhouse gases emitted on the territory of Paris (territorial inventory)",
        "metric_fr": "Gaz à effet de serre émis sur le territoire de Paris (inventaire territorial)",
        "unit": MT,
        "direction": Objective.Direction.DOWN,
        "baseline_year": 2004,
        "baseline_value": LOCAL_EMISSIONS_2004_DERIVED,
        "baseline_note": DERIVED_NOTE,
        "baseline_note_fr": DERIVED_NOTE_FR,
        "description": "Emissions from buildings, local transport and waste within the city's boundaries. "
        "Targets: −25 % in 2020 (2007 plan), −50 % in 2030 and zero local emissions in 2050 (2018 plan; the "
        "2007 plan aimed at −75 % in 2050).",
        "description_fr": "Émissions des bâtiments, des transports locaux et des déchets dans les limites de "
        "la ville. Objectifs : −25 % en 2020 (plan 2007), −50 % en 2030 et zéro émission locale en 2050 "
        "(plan 2018 ; le plan 2007 visait −75 % en 2050).",
    },
    {
        "slug": "energy-use",
        "title": "Energy use",
        "title_fr": "Consommation d'énergie",
        "metric": "Energy consumed on the territory of Paris",
        "metric_fr": "Énergie consommée sur le territoire de Paris",
        "unit": "GWh",
        "direction": Objective.Direction.DOWN,
        "baseline_year": 2004,
        "baseline_value": None,
        "baseline_note": "The 2004 energy use is not in the published figures this platform holds.",
        "baseline_note_fr": "La consommation d'énergie de 2004 ne figure pas dans les chiffres publiés dont "
        "dispose la plateforme.",
        "description": "Targets: −25 % in 2020 (2007 plan) and −50 % in 2050 (2018 plan), against 2004.",
        "description_fr": "Objectifs : −25 % en 2020 (plan 2007) et −50 % en 2050 (plan 2018), par rapport "
        "à 2004.",
    },
    {
        "slug": "renewable-share",
        "title": "Renewable share",
        "title_fr": "Part des énergies renouvelables",
        "metric": "Share of renewable energy in the energy consumed in Paris",
        "metric_fr": "Part des énergies renouvelables dans l'énergie consommée à Paris",
        "unit": "%",
        "direction": Objective.Direction.UP,
        "baseline_year": 2004,
        "baseline_value": None,
        "baseline_note": "The 2004 share is not in the published figures this platform holds.",
        "baseline_note_fr": "La part de 2004 ne figure pas dans les chiffres publiés dont dispose la "
        "plateforme.",
        "description": "Targets: 25 % renewable energy in 2020 (2007 plan); 100 % in 2050, of which 20 % "
        "produced locally (2018 plan).",
        "description_fr": "Objectifs : 25 % d'énergies renouvelables en 2020 (plan 2007) ; 100 % en 2050, "
        "dont 20 % produits localement (plan 2018).",
    },
]

# objective slug, year, value, percent of baseline, net zero, source, note, note in French
TARGETS = [
    ("carbon-footprint", 2030, None, -40, False, PLAN_2018, "", ""),
    ("carbon-footprint", 2050, None, -80, False, PLAN_2018, "", ""),
    ("local-emissions", 2020, None, -25, False, PLAN_2007, "", ""),
    ("local-emissions", 2030, None, -50, False, PLAN_2018, "", ""),
    (
        "local-emissions",
        2050,
        0.0,
        None,
        True,
        PLAN_2018,
        "Carbon neutrality: zero local emissions.",
        "Neutralité carbone : zéro émission locale.",
    ),
    ("energy-use", 2020, None, -25, False, PLAN_2007, "", ""),
    ("energy-use", 2050, None, -50, False, PLAN_2018, "", ""),
    ("renewable-share", 2020, 25.0, None, False, PLAN_2007, "", ""),
    (
        "renewable-share",
        2050,
        100.0,
        None,
        False,
        PLAN_2018,
        "Of which 20 % produced locally.",
        "Dont 20 % produits localement.",
    ),
]

# slug, objective slug, title, title in French, unit, sector, sector in French, is headline
INDICATORS = [
    (
        "carbon-footprint",
        "carbon-footprint",
        "Carbon footprint of Paris",
        "Empreinte carbone de Paris",
        MT,
        "",
        "",
        True,
    ),
    (
        "carbon-footprint-air-travel",
        "carbon-footprint",
        "Air travel's share of the footprint",
        "Part du transport aérien dans l'empreinte",
        "%",
        "Air travel",
        "Transport aérien",
        False,
    ),
    (
        "carbon-footprint-food",
        "carbon-footprint",
        "Food's share of the footprint",
        "Part de l'alimentation dans l'empreinte",
        "%",
        "Food",
        "Alimentation",
        False,
    ),
    (
        "local-emissions",
        "local-emissions",
        "Local (territorial) emissions of Paris",
        "Émissions locales (territoriales) de Paris",
        MT,
        "",
        "",
        True,
    ),
    (
        "energy-use",
        "energy-use",
        "Energy use in Paris",
        "Consommation d'énergie à Paris",
        "GWh",
        "",
        "",
        True,
    ),
    (
        "renewable-share",
        "renewable-share",
        "Share of renewable energy",
        "Part des énergies renouvelables",
        "%",
        "",
        "",
        True,
    ),
]

FINAL = IndicatorValue.Status.FINAL
# indicator slug, year, value, status, note, note in French
VALUES = [
    (
        "carbon-footprint",
        2004,
        28.0,
        FINAL,
        "About 28 MtCO2e: published as 24 at the time, revised upward with the method change.",
        "Environ 28 MtCO2e : publiée à 24 à l'époque, revue à la hausse avec le changement de méthode.",
    ),
    (
        "carbon-footprint",
        2014,
        25.6,
        FINAL,
        "Published as −9.2 % against 2004.",
        "Publiée comme −9,2 % par rapport à 2004.",
    ),
    (
        "carbon-footprint",
        2018,
        22.7,
        FINAL,
        "Published as −20 % against 2004 (22.7 / 28 is −18.9 %: the city computes on its unrounded 2004 "
        "figure). A 2022 footprint is mentioned in the plan's monitoring but is not in the data this "
        "platform holds: it is not shown.",
        "Publiée comme −20 % par rapport à 2004 (22,7 / 28 donne −18,9 % : la Ville calcule sur son chiffre "
        "de 2004 non arrondi). Une empreinte 2022 est citée dans le suivi du plan mais ne figure pas dans "
        "les données dont dispose la plateforme : elle n'est pas affichée.",
    ),
    (
        "carbon-footprint-air-travel",
        2018,
        33.0,
        FINAL,
        "Air travel: 33 % of the 2018 footprint.",
        "Transport aérien : 33 % de l'empreinte 2018.",
    ),
    (
        "carbon-footprint-food",
        2018,
        17.0,
        FINAL,
        "Food: 17 % of the 2018 footprint.",
        "Alimentation : 17 % de l'empreinte 2018.",
    ),
    (
        "local-emissions",
        2004,
        LOCAL_EMISSIONS_2004_DERIVED,
        IndicatorValue.Status.DERIVED,
        DERIVED_NOTE,
        DERIVED_NOTE_FR,
    ),
    (
        "local-emissions",
        2018,
        LOCAL_EMISSIONS_2018,
        FINAL,
        "Published as −25 % against 2004.",
        "Publiées comme −25 % par rapport à 2004.",
    ),
]


@transaction.atomic
def load_paris_plan() -> dict:
    """Create Paris's objectives, targets, indicators and values; return what was created (nothing when
    the plan is already there)."""
    if Objective.objects.filter(slug="carbon-footprint").exists():
        return {}
    with translation.override("en"):  # the untagged texts below are the English ones
        return _create_paris_plan()


def _create_paris_plan() -> dict:
    objectives = {}
    for position, fields in enumerate(OBJECTIVES):
        objectives[fields["slug"]] = Objective.objects.create(position=position, **fields)
    for slug, year, value, percent, net_zero, source, note, note_fr in TARGETS:
        Target.objects.create(
            objective=objectives[slug],
            year=year,
            value=value,
            percent_of_baseline=percent,
            is_net_zero=net_zero,
            source=source,
            note=note,
            note_fr=note_fr,
        )
    indicators = {}
    for position, (slug, objective, title, title_fr, unit, sector, sector_fr, headline) in enumerate(
        INDICATORS
    ):
        indicators[slug] = Indicator.objects.create(
            slug=slug,
            objective=objectives[objective],
            title=title,
            title_fr=title_fr,
            unit=unit,
            sector=sector,
            sector_fr=sector_fr,
            is_headline=headline,
            position=position,
        )
    for slug, year, value, status, note, note_fr in VALUES:
        IndicatorValue.objects.create(
            indicator=indicators[slug],
            year=year,
            value=value,
            status=status,
            source_citation=PLAN_2018,
            source_url=SOURCE_URL,
            note=note,
            note_fr=note_fr,
        )
    return {
        "objectives": len(objectives),
        "targets": len(TARGETS),
        "indicators": len(indicators),
        "values": len(VALUES),
    }
