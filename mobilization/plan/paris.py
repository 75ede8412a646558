# ruff: noqa: E501 - the city's texts, in two languages, kept as they read.
"""Paris's Climate Plan as the City published it: objectives, targets and figures, each with its source.

Every figure is one of ../shared/data/paris/README.md ("Paris Climate Plan figures"), and every figure
listed there is used: as a value of an indicator, a baseline, a target, or, when it is not a point of a
series (a share, a long-term aim without a year), in the note or description beside the series it
belongs to. `tests/test_paris_plan.py` checks that no figure of that README is left out and that no
objective says "no data yet".

The carbon footprint and local emissions use the series of the Climate City Contract [CCC]: it
recalculates the earlier years, so the series is consistent; the figures first published at the time
(24 for 2004, 22.7 and 5.5 for 2018) are in the notes. Two figures are not published as such but worked
out by the platform, with status "derived" and a note that says how: the 2022 footprint (published as
"−32 % against 2004" only) and the 2004 energy use (2014's 31.5 TWh is published as "−7 % against
2004"). Figures quoted by the press are marked as second-hand in their source.

Every text is given in English (`title`, `note`...) and in French (`title_fr`...): the platform speaks
both, and these are the city's texts, not messages of the code that gettext would translate. They are
created with English active, so that `title` fills the English column (`title_en`, see
`plan/translation.py`). `load_paris_plan()` is what
the demo and the tests call; it does nothing when the plan is already there.
"""

from django.db import transaction
from django.utils import translation

from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target

CCC = (
    "Ville de Paris, Climate City Contract – 2030 Climate Neutrality Action Plan (April 2025, EU Mission "
    "100 climate-neutral and smart cities), tables of the Plan Climat 2024-2030"
)
P18 = "paris.fr, « Le Bilan Carbone® de Paris 2018 » (updated 5 February 2020)"
P22 = "paris.fr, « Émissions de gaz à effet de serre : où en est Paris ? » (updated 8 April 2025)"
PRESS = "Press quoting the City of Paris (second-hand: not a City publication)"
PRESS_AUDIT = "Press: auditor's summary of the City's review of its plan (second-hand)"
PLAN_2018 = "Ville de Paris, Plan Climat Air Énergie 2018"
PLAN_2007 = "Ville de Paris, Plan Climat 2007 (révisé en 2012)"
PLATFORM = "Derived by the platform from a published figure (see the note)"
SOURCE_URL = "https://www.paris.fr/pages/plan-climat-20189"
MT = "MtCO2e"

# The 2022 footprint is published as −32 % against 2004 only; the 2004 energy use is not published, 2014's
# is, as −7 % against 2004. The platform works both out, and says so.
FOOTPRINT_2004 = 28.35
FOOTPRINT_2022_DERIVED = round(FOOTPRINT_2004 * (1 - 0.32), 2)
ENERGY_2014 = 31.5
ENERGY_2004_DERIVED = round(ENERGY_2014 / (1 - 0.07), 1)
FOOTPRINT_2022_NOTE = (
    "Derived by the platform, not a published figure: the City publishes the 2022 footprint as −32 % against "
    "2004 (paris.fr, 2025), so 2022 ≈ 28.35 × (1 − 0.32) = 19.28."
)
FOOTPRINT_2022_NOTE_FR = (
    "Calculé par la plateforme, ce n'est pas un chiffre publié : la Ville publie l'empreinte 2022 comme −32 % "
    "par rapport à 2004 (paris.fr, 2025), d'où 2022 ≈ 28,35 × (1 − 0,32) = 19,28."
)
ENERGY_2004_NOTE = (
    "Derived by the platform, not a published figure: 31.5 TWh in 2014 is published as −7 % against 2004, so "
    "2004 ≈ 31.5 / (1 − 0.07) = 33.9 TWh."
)
ENERGY_2004_NOTE_FR = (
    "Calculé par la plateforme, ce n'est pas un chiffre publié : 31,5 TWh en 2014, c'est −7 % par rapport à "
    "2004, d'où 2004 ≈ 31,5 / (1 − 0,07) = 33,9 TWh."
)


def _objective(
    slug, title, title_fr, metric, metric_fr, unit, direction, year, value, note, note_fr, text, text_fr
):
    return {
        "slug": slug,
        "title": title,
        "title_fr": title_fr,
        "metric": metric,
        "metric_fr": metric_fr,
        "unit": unit,
        "direction": direction,
        "baseline_year": year,
        "baseline_value": value,
        "baseline_note": note,
        "baseline_note_fr": note_fr,
        "description": text,
        "description_fr": text_fr,
    }


DOWN, UP = Objective.Direction.DOWN, Objective.Direction.UP

OBJECTIVES = [
    _objective(
        "carbon-footprint",
        "Carbon footprint",
        "Empreinte carbone",
        "Greenhouse gases caused by the consumption of Paris's residents and visitors, wherever emitted",
        "Gaz à effet de serre dus à la consommation des habitants et des visiteurs de Paris, où qu'ils soient "
        "émis",
        MT,
        DOWN,
        2004,
        FOOTPRINT_2004,
        "28.35 MtCO2e (Climate City Contract): the 2004 footprint was first published as 24 and revised upward in 2016 with the "
        "method.",
        "28,35 MtCO2e (Climate City Contract) : l'empreinte de 2004, d'abord publiée à 24, a été revue à la hausse en 2016 avec "
        "la méthode.",
        "The carbon footprint (Bilan Carbone® method) counts every emission that Paris causes, wherever it "
        "happens: air travel, food and goods produced elsewhere. Targets against 2004: −40 % in 2030 (17.01 "
        "MtCO2e) and −80 % in 2050 (5.67 MtCO2e, the rest offset: carbon neutrality). Air transport made up "
        "34 % of the footprint in 2018 and 23 % (about 4.2 Mt) in 2021, food 21 % in 2021 (Climate City Contract); air transport "
        "26 % in 2022 (paris.fr, 2025).",
        "L'empreinte carbone (méthode Bilan Carbone®) compte toutes les émissions que Paris cause, où qu'elles "
        "aient lieu : voyages en avion, alimentation et biens produits ailleurs. Objectifs par rapport à 2004 : "
        "−40 % en 2030 (17,01 MtCO2e) et −80 % en 2050 (5,67 MtCO2e, le reste compensé : neutralité carbone). "
        "Le transport aérien représentait 34 % de l'empreinte en 2018 et 23 % (environ 4,2 Mt) en 2021, "
        "l'alimentation 21 % en 2021 (Climate City Contract) ; le transport aérien 26 % en 2022 (paris.fr, 2025).",
    ),
    _objective(
        "local-emissions",
        "Local emissions",
        "Émissions locales",
        "Greenhouse gases emitted on the territory of Paris (territorial inventory)",
        "Gaz à effet de serre émis sur le territoire de Paris (inventaire territorial)",
        MT,
        DOWN,
        2004,
        7.42,
        "7.42 MtCO2e (Climate City Contract), as recalculated in the Climate City Contract.",
        "7,42 MtCO2e (Climate City Contract), recalculées dans le Climate City Contract.",
        "Emissions from buildings, road traffic, heat networks and waste within the city's boundaries. "
        "Targets: −25 % in 2020 (Plan Climat 2007, which aimed at −75 % in 2050), −50 % in 2030 (3.74 MtCO2e "
        "in the Climate City Contract's table) and zero local emissions in 2050 (Plan Climat Air Énergie 2018 and its 500 measures; 0.10 "
        "MtCO2e in the Climate City Contract's table). The Plan Climat 2024–2030 keeps these targets and "
        "adds targets by sector (the sector indicators below).",
        "Émissions des bâtiments, du trafic routier, des réseaux de chaleur et des déchets dans les limites "
        "de la ville. Objectifs : −25 % en 2020 (Plan Climat 2007, qui visait −75 % en 2050), −50 % en 2030 "
        "(3,74 MtCO2e dans le tableau du Climate City Contract) et zéro émission locale en 2050 (Plan Climat "
        "Air Énergie 2018 et ses 500 mesures ; 0,10 MtCO2e dans le tableau du Climate City Contract). Le Plan Climat 2024-2030 garde ces "
        "objectifs et y ajoute des objectifs par secteur (indicateurs par secteur ci-dessous).",
    ),
    _objective(
        "energy-use",
        "Energy use",
        "Consommation d'énergie",
        "Final energy consumed on the territory of Paris",
        "Énergie finale consommée sur le territoire de Paris",
        "TWh",
        DOWN,
        2004,
        ENERGY_2004_DERIVED,
        "About 33.9 TWh, derived by the platform: 31.5 TWh in 2014 is published as −7 % against 2004.",
        "Environ 33,9 TWh, calculé par la plateforme : 31,5 TWh en 2014, c'est −7 % par rapport à 2004.",
        "Targets against 2004: −25 % in 2020 (Plan Climat 2007), −35 % in 2030 and −50 % in 2050 (Plan "
        "Climat 2018, kept by the Plan Climat 2024–2030 (Climate City Contract)). Buildings consumed 28.7 TWh in 2021; their "
        "targets are 23.3 TWh in 2030 and 18.7 TWh in the long term (Climate City Contract).",
        "Objectifs par rapport à 2004 : −25 % en 2020 (Plan Climat 2007), −35 % en 2030 et −50 % en 2050 "
        "(Plan Climat 2018, repris par le Plan Climat 2024-2030 (Climate City Contract)). Les bâtiments ont consommé 28,7 TWh en "
        "2021 ; leurs objectifs sont 23,3 TWh en 2030 et 18,7 TWh à long terme (Climate City Contract).",
    ),
    _objective(
        "renewable-share",
        "Renewable share",
        "Part des énergies renouvelables",
        "Share of renewable and recovered energy in the energy consumed in Paris",
        "Part des énergies renouvelables et de récupération dans l'énergie consommée à Paris",
        "%",
        UP,
        2004,
        10.0,
        "10 % in 2004, as quoted by the press from the auditor's summary of the City's review.",
        "10 % en 2004, selon la presse citant la synthèse de l'évaluation du plan par la Ville.",
        "Targets: 25 % in 2020 (Plan Climat 2007); 45 % in 2030, of which 10 % produced locally, and 100 % in "
        "2050, of which 20 % produced locally (Plan Climat 2018, kept by the Plan Climat 2024–2030 (Climate City Contract)). "
        "The district heating network was 54 % renewable in 2022, with a target of 75 % in 2030 (Climate City Contract).",
        "Objectifs : 25 % en 2020 (Plan Climat 2007) ; 45 % en 2030, dont 10 % produits localement, et 100 % "
        "en 2050, dont 20 % produits localement (Plan Climat 2018, repris par le Plan Climat 2024-2030 (Climate City Contract)). "
        "Le réseau de chaleur était renouvelable à 54 % en 2022, avec un objectif de 75 % en 2030 (Climate City Contract).",
    ),
    _objective(
        "cycling",
        "Cycling",
        "Vélo",
        "Share of trips inside Paris made by bike",
        "Part des déplacements dans Paris faits à vélo",
        "%",
        UP,
        2023,
        11.0,
        "11 % of trips in 2023 (Climate City Contract).",
        "11 % des déplacements en 2023 (Climate City Contract).",
        "Target: 25 % of trips by bike (Plan Climat 2024–2030; the plan gives no year, the platform shows it "
        "at the plan's end, 2030). Cycling facilities: 1,094 km in 2021 (press); more than 1,000 km in 2025, "
        "of which about 300 km of separated paths (Climate City Contract).",
        "Objectif : 25 % des déplacements à vélo (Plan Climat 2024-2030 ; le plan ne donne pas d'année, la "
        "plateforme le place à la fin du plan, 2030). Aménagements cyclables : 1 094 km en 2021 (presse) ; "
        "plus de 1 000 km en 2025, dont environ 300 km de pistes séparées (Climate City Contract).",
    ),
    _objective(
        "trees",
        "Trees planted",
        "Arbres plantés",
        "Trees planted since 2020, counted together",
        "Arbres plantés depuis 2020, au total",
        "trees",
        UP,
        2020,
        None,
        "The count starts in 2020.",
        "Le compte commence en 2020.",
        "Target: 170,000 trees planted over 2020–2026 (Climate City Contract). More than 63,000 were planted by December 2023, "
        "as the deputy mayor told the press.",
        "Objectif : 170 000 arbres plantés de 2020 à 2026 (Climate City Contract). Plus de 63 000 l'étaient en décembre 2023, "
        "selon l'adjoint à la maire cité par la presse.",
    ),
    _objective(
        "housing-renovation",
        "Housing renovation",
        "Rénovation des logements",
        "Social homes renovated in the year",
        "Logements sociaux rénovés dans l'année",
        "homes",
        UP,
        2021,
        4500.0,
        "4,500 social homes renovated in 2021 (Climate City Contract).",
        "4 500 logements sociaux rénovés en 2021 (Climate City Contract).",
        "Targets by 2030: 5,000 social homes and 40,000 private homes renovated a year (Climate City Contract). No yearly count "
        "of private homes renovated is published: it is not shown.",
        "Objectifs d'ici 2030 : 5 000 logements sociaux et 40 000 logements privés rénovés par an (Climate City Contract). Aucun "
        "chiffre annuel des logements privés rénovés n'est publié : il n'est pas affiché.",
    ),
    _objective(
        "household-waste",
        "Household waste",
        "Déchets ménagers",
        "Household waste per inhabitant and per year",
        "Déchets ménagers par habitant et par an",
        "kg/inhab.",
        DOWN,
        2010,
        483.0,
        "483 kg per inhabitant in 2010 (Climate City Contract).",
        "483 kg par habitant en 2010 (Climate City Contract).",
        "Target: −20 % against 2010 in 2030 (Climate City Contract).",
        "Objectif : −20 % par rapport à 2010 en 2030 (Climate City Contract).",
    ),
    _objective(
        "on-street-parking",
        "On-street parking",
        "Stationnement en surface",
        "Parking spaces on the street",
        "Places de stationnement sur la voirie",
        "spaces",
        DOWN,
        2023,
        120000.0,
        "120,000 spaces in 2023 (Climate City Contract).",
        "120 000 places en 2023 (Climate City Contract).",
        "Target: 60,000 spaces in 2030, the space freed for trees, cycle paths and pavements (Climate City Contract).",
        "Objectif : 60 000 places en 2030, l'espace libéré allant aux arbres, aux pistes cyclables et aux "
        "trottoirs (Climate City Contract).",
    ),
    _objective(
        "cool-islands",
        "Cool islands",
        "Îlots de fraîcheur",
        "Cool places open to the public by day",
        "Lieux frais ouverts au public le jour",
        "places",
        UP,
        2018,
        800.0,
        "More than 800 by day and 150 by night in 2018 (press, City figures).",
        "Plus de 800 le jour et 150 la nuit en 2018 (presse, chiffres de la Ville).",
        "Target: every Parisian within a 7-minute walk of a cool island by 2030 (Climate City Contract); it is a distance, not a "
        "count, so it is not drawn on the chart.",
        "Objectif : chaque Parisien à moins de 7 minutes à pied d'un îlot de fraîcheur d'ici 2030 (Climate City Contract) ; "
        "c'est une distance, pas un nombre, elle n'est donc pas tracée sur le graphique.",
    ),
    _objective(
        "climate-action-companies",
        "Companies committed",
        "Entreprises engagées",
        "Companies that signed the Paris Action Climat charter",
        "Entreprises signataires de la charte Paris Action Climat",
        "companies",
        UP,
        2022,
        73.0,
        "73 companies signed the charter between 2012 and 2022 (Climate City Contract).",
        "73 entreprises ont signé la charte entre 2012 et 2022 (Climate City Contract).",
        "52 companies signed the Paris Action Climat climate and biodiversity pact on 22 November 2022 "
        "(press). The plan sets no number to reach.",
        "52 entreprises ont signé le pacte climat et biodiversité Paris Action Climat le 22 novembre 2022 "
        "(presse). Le plan ne fixe pas de nombre à atteindre.",
    ),
    _objective(
        "heatwave-registry",
        "Heatwave registry",
        "Registre canicule",
        "Vulnerable residents registered to be called during heatwaves (Chalex, then REFLEX)",
        "Personnes vulnérables inscrites pour être appelées pendant les canicules (Chalex, puis REFLEX)",
        "people",
        UP,
        2013,
        20000.0,
        "20,000 registered in 2013 (press quoting the City).",
        "20 000 inscrits en 2013 (presse citant la Ville).",
        "The City calls the people registered during heatwaves. The plan sets no number to reach. No "
        "published count of the Climate Volunteers was found beyond the 15,000 of the 2019 commitment.",
        "La Ville appelle les personnes inscrites pendant les canicules. Le plan ne fixe pas de nombre à "
        "atteindre. Aucun décompte publié des Volontaires du climat n'a été trouvé au-delà des 15 000 de "
        "l'engagement de 2019.",
    ),
]

# objective slug, year, value, percent of baseline, net zero, source, note, note in French
TARGETS = [
    ("carbon-footprint", 2030, None, -40, False, CCC, "17.01 MtCO2e.", "17,01 MtCO2e."),
    (
        "carbon-footprint",
        2050,
        None,
        -80,
        False,
        CCC,
        "5.67 MtCO2e; the rest offset: carbon neutrality.",
        "5,67 MtCO2e ; le reste compensé : neutralité carbone.",
    ),
    ("local-emissions", 2020, None, -25, False, PLAN_2007, "", ""),
    (
        "local-emissions",
        2030,
        None,
        -50,
        False,
        PLAN_2018,
        "3.74 MtCO2e in the Climate City Contract's table.",
        "3,74 MtCO2e dans le tableau du Climate City Contract.",
    ),
    (
        "local-emissions",
        2050,
        0.0,
        None,
        True,
        PLAN_2018,
        "Carbon neutrality: zero local emissions (0.10 MtCO2e left in the Climate City Contract's table).",
        "Neutralité carbone : zéro émission locale (0,10 MtCO2e restantes dans le tableau du Climate City "
        "Contract).",
    ),
    ("energy-use", 2020, None, -25, False, PLAN_2007, "", ""),
    ("energy-use", 2030, None, -35, False, CCC, "", ""),
    ("energy-use", 2050, None, -50, False, CCC, "", ""),
    ("renewable-share", 2020, 25.0, None, False, PLAN_2007, "", ""),
    (
        "renewable-share",
        2030,
        45.0,
        None,
        False,
        CCC,
        "Of which 10 % produced locally.",
        "Dont 10 % produits localement.",
    ),
    (
        "renewable-share",
        2050,
        100.0,
        None,
        False,
        CCC,
        "Of which 20 % produced locally.",
        "Dont 20 % produits localement.",
    ),
    (
        "cycling",
        2030,
        25.0,
        None,
        False,
        CCC,
        "The plan gives no year: shown at its end.",
        "Le plan ne donne pas d'année : placé à sa fin.",
    ),
    ("trees", 2026, 170000.0, None, False, CCC, "Over 2020–2026.", "De 2020 à 2026."),
    (
        "housing-renovation",
        2030,
        5000.0,
        None,
        False,
        CCC,
        "A year; and 40,000 private homes a year.",
        "Par an ; et 40 000 logements privés par an.",
    ),
    ("household-waste", 2030, None, -20, False, CCC, "", ""),
    ("on-street-parking", 2030, 60000.0, None, False, CCC, "", ""),
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
        "carbon-footprint-energy",
        "carbon-footprint",
        "Footprint of energy",
        "Empreinte de l'énergie",
        MT,
        "Energy",
        "Énergie",
        False,
    ),
    (
        "carbon-footprint-transport",
        "carbon-footprint",
        "Footprint of transport, air travel included",
        "Empreinte des transports, aérien compris",
        MT,
        "Transport",
        "Transports",
        False,
    ),
    (
        "carbon-footprint-consumption",
        "carbon-footprint",
        "Footprint of consumption, food included",
        "Empreinte de la consommation, alimentation comprise",
        MT,
        "Consumption",
        "Consommation",
        False,
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
        "local-emissions-residential",
        "local-emissions",
        "Residential",
        "Résidentiel",
        MT,
        "Residential",
        "Résidentiel",
        False,
    ),
    (
        "local-emissions-tertiary",
        "local-emissions",
        "Tertiary",
        "Tertiaire",
        MT,
        "Tertiary",
        "Tertiaire",
        False,
    ),
    (
        "local-emissions-industry",
        "local-emissions",
        "Industry (mainly heat and cold networks)",
        "Industrie (surtout les réseaux de chaleur et de froid)",
        MT,
        "Industry",
        "Industrie",
        False,
    ),
    (
        "local-emissions-road",
        "local-emissions",
        "Road, ring road and rail inside Paris",
        "Route, boulevard périphérique et rail dans Paris",
        MT,
        "Transport",
        "Transports",
        False,
    ),
    ("local-emissions-waste", "local-emissions", "Waste", "Déchets", MT, "Waste", "Déchets", False),
    (
        "energy-use",
        "energy-use",
        "Final energy consumption of Paris",
        "Consommation d'énergie finale de Paris",
        "TWh",
        "",
        "",
        True,
    ),
    (
        "energy-use-buildings",
        "energy-use",
        "Energy consumption of buildings",
        "Consommation d'énergie des bâtiments",
        "TWh",
        "Buildings",
        "Bâtiments",
        False,
    ),
    (
        "renewable-share",
        "renewable-share",
        "Share of renewable and recovered energy",
        "Part des énergies renouvelables et de récupération",
        "%",
        "",
        "",
        True,
    ),
    (
        "district-heating-renewable-share",
        "renewable-share",
        "Renewable share of the district heating network",
        "Part renouvelable du réseau de chaleur",
        "%",
        "District heating",
        "Réseau de chaleur",
        False,
    ),
    ("cycling-share", "cycling", "Share of trips by bike", "Part des déplacements à vélo", "%", "", "", True),
    (
        "cycling-facilities",
        "cycling",
        "Cycling facilities",
        "Aménagements cyclables",
        "km",
        "Facilities",
        "Aménagements",
        False,
    ),
    (
        "separated-cycle-paths",
        "cycling",
        "Separated cycle paths",
        "Pistes cyclables séparées",
        "km",
        "Facilities",
        "Aménagements",
        False,
    ),
    (
        "trees-planted",
        "trees",
        "Trees planted since 2020",
        "Arbres plantés depuis 2020",
        "trees",
        "",
        "",
        True,
    ),
    (
        "social-homes-renovated",
        "housing-renovation",
        "Social homes renovated",
        "Logements sociaux rénovés",
        "homes",
        "",
        "",
        True,
    ),
    (
        "household-waste",
        "household-waste",
        "Household waste per inhabitant",
        "Déchets ménagers par habitant",
        "kg/inhab.",
        "",
        "",
        True,
    ),
    (
        "on-street-parking",
        "on-street-parking",
        "On-street parking spaces",
        "Places de stationnement en surface",
        "spaces",
        "",
        "",
        True,
    ),
    (
        "cool-islands-day",
        "cool-islands",
        "Cool islands open by day",
        "Îlots de fraîcheur ouverts le jour",
        "places",
        "",
        "",
        True,
    ),
    (
        "cool-islands-night",
        "cool-islands",
        "Cool islands open at night",
        "Îlots de fraîcheur ouverts la nuit",
        "places",
        "Night",
        "Nuit",
        False,
    ),
    (
        "climate-charter",
        "climate-action-companies",
        "Companies that signed the charter (2012–2022)",
        "Entreprises signataires de la charte (2012-2022)",
        "companies",
        "",
        "",
        True,
    ),
    (
        "climate-pact",
        "climate-action-companies",
        "Companies that signed the climate and biodiversity pact",
        "Entreprises signataires du pacte climat et biodiversité",
        "companies",
        "Pact",
        "Pacte",
        False,
    ),
    (
        "heatwave-registry",
        "heatwave-registry",
        "People registered (Chalex, then REFLEX)",
        "Personnes inscrites (Chalex, puis REFLEX)",
        "people",
        "",
        "",
        True,
    ),
]

FINAL = IndicatorValue.Status.FINAL
DERIVED = IndicatorValue.Status.DERIVED
# indicator slug, year, value, status, source, note, note in French
VALUES = [
    (
        "carbon-footprint",
        2004,
        FOOTPRINT_2004,
        FINAL,
        CCC,
        "First published as 24 MtCO2e, revised upward in 2016 with the method.",
        "D'abord publiée à 24 MtCO2e, revue à la hausse en 2016 avec la méthode.",
    ),
    ("carbon-footprint", 2014, 25.57, FINAL, CCC, "", ""),
    (
        "carbon-footprint",
        2018,
        22.63,
        FINAL,
        CCC,
        "First published as 22.7 MtCO2e, −20 % against 2004 (Bilan Carbone® 2018).",
        "D'abord publiée à 22,7 MtCO2e, soit −20 % par rapport à 2004 (Bilan Carbone® 2018).",
    ),
    ("carbon-footprint", 2021, 18.54, FINAL, CCC, "", ""),
    (
        "carbon-footprint",
        2022,
        FOOTPRINT_2022_DERIVED,
        DERIVED,
        P22,
        FOOTPRINT_2022_NOTE,
        FOOTPRINT_2022_NOTE_FR,
    ),
    ("carbon-footprint-energy", 2004, 6.15, FINAL, CCC, "", ""),
    ("carbon-footprint-energy", 2014, 5.15, FINAL, CCC, "", ""),
    ("carbon-footprint-energy", 2018, 4.86, FINAL, CCC, "", ""),
    (
        "carbon-footprint-energy",
        2021,
        4.50,
        FINAL,
        CCC,
        "Targets: 3.69 in 2030, 1.23 in 2050.",
        "Objectifs : 3,69 en 2030, 1,23 en 2050.",
    ),
    ("carbon-footprint-transport", 2004, 15.48, FINAL, CCC, "", ""),
    ("carbon-footprint-transport", 2014, 13.74, FINAL, CCC, "", ""),
    ("carbon-footprint-transport", 2018, 11.99, FINAL, CCC, "", ""),
    (
        "carbon-footprint-transport",
        2021,
        8.54,
        FINAL,
        CCC,
        "Targets: 9.29 in 2030, 3.10 in 2050.",
        "Objectifs : 9,29 en 2030, 3,10 en 2050.",
    ),
    ("carbon-footprint-consumption", 2004, 6.72, FINAL, CCC, "", ""),
    ("carbon-footprint-consumption", 2014, 6.68, FINAL, CCC, "", ""),
    ("carbon-footprint-consumption", 2018, 5.78, FINAL, CCC, "", ""),
    (
        "carbon-footprint-consumption",
        2021,
        5.51,
        FINAL,
        CCC,
        "Targets: 4.03 in 2030, 1.34 in 2050.",
        "Objectifs : 4,03 en 2030, 1,34 en 2050.",
    ),
    ("carbon-footprint-air-travel", 2018, 34.0, FINAL, CCC, "", ""),
    (
        "carbon-footprint-air-travel",
        2021,
        23.0,
        FINAL,
        CCC,
        "About 4.2 MtCO2e.",
        "Environ 4,2 MtCO2e.",
    ),
    ("carbon-footprint-air-travel", 2022, 26.0, FINAL, P22, "", ""),
    ("carbon-footprint-food", 2021, 21.0, FINAL, CCC, "", ""),
    ("local-emissions", 2004, 7.42, FINAL, CCC, "", ""),
    ("local-emissions", 2014, 5.96, FINAL, CCC, "", ""),
    (
        "local-emissions",
        2018,
        5.28,
        FINAL,
        CCC,
        "First published as 5.5 MtCO2e, −25 % against 2004 (Bilan Carbone® 2018).",
        "D'abord publiées à 5,5 MtCO2e, soit −25 % par rapport à 2004 (Bilan Carbone® 2018).",
    ),
    ("local-emissions", 2021, 4.82, FINAL, CCC, "", ""),
    ("local-emissions", 2022, 4.72, FINAL, P22, "", ""),
]
# Local emissions by sector (Climate City Contract): 2004, 2014, 2018, 2021, then the targets of 2030 and 2050.
SECTORS = {
    "local-emissions-residential": (2.50, 2.10, 1.94, 1.76, 1.40, 0),
    "local-emissions-tertiary": (2.40, 2.05, 1.88, 1.75, 1.20, 0),
    "local-emissions-industry": (0.20, 0.10, 0.16, 0.18, 0.11, 0),
    "local-emissions-road": (1.80, 1.27, 0.85, 0.71, 0.68, 0),
    "local-emissions-waste": (0.52, 0.45, 0.44, 0.42, 0.35, 0.10),
}
for _slug, (*_series, _target_2030, _target_2050) in SECTORS.items():
    for _year, _value in zip((2004, 2014, 2018, 2021), _series, strict=True):
        _note = _note_fr = ""
        if _year == 2021:
            _note = f"Targets: {_target_2030:.2f} in 2030, {_target_2050:.2f} in 2050."
            _note_fr = f"Objectifs : {_target_2030:.2f} en 2030, {_target_2050:.2f} en 2050.".replace(
                ".", ","
            )
            _note_fr = _note_fr[:-1] + "."
        VALUES.append((_slug, _year, _value, FINAL, CCC, _note, _note_fr))
VALUES += [
    ("energy-use", 2004, ENERGY_2004_DERIVED, DERIVED, PRESS, ENERGY_2004_NOTE, ENERGY_2004_NOTE_FR),
    (
        "energy-use",
        2014,
        ENERGY_2014,
        FINAL,
        PRESS,
        "Published as −7 % against 2004.",
        "Publiée comme −7 % par rapport à 2004.",
    ),
    ("energy-use", 2018, 30.8, FINAL, PRESS, "", ""),
    (
        "energy-use-buildings",
        2021,
        28.7,
        FINAL,
        CCC,
        "Targets: 23.3 TWh in 2030, 18.7 TWh in the long term.",
        "Objectifs : 23,3 TWh en 2030, 18,7 TWh à long terme.",
    ),
    ("renewable-share", 2004, 10.0, FINAL, PRESS_AUDIT, "", ""),
    ("renewable-share", 2014, 15.6, FINAL, PRESS_AUDIT, "", ""),
    ("renewable-share", 2023, 19.0, FINAL, CCC, "", ""),
    (
        "district-heating-renewable-share",
        2022,
        54.0,
        FINAL,
        CCC,
        "Target: 75 % in 2030.",
        "Objectif : 75 % en 2030.",
    ),
    ("cycling-share", 2023, 11.0, FINAL, CCC, "", ""),
    ("cycling-facilities", 2021, 1094.0, FINAL, PRESS, "", ""),
    (
        "cycling-facilities",
        2025,
        1000.0,
        FINAL,
        CCC,
        "“More than 1,000 km”: a lower bound.",
        "« Plus de 1 000 km » : un minimum.",
    ),
    ("separated-cycle-paths", 2025, 300.0, FINAL, CCC, "“About 300 km”.", "« Environ 300 km »."),
    (
        "trees-planted",
        2023,
        63000.0,
        FINAL,
        PRESS,
        "“More than 63,000” by December 2023, as the deputy mayor said.",
        "« Plus de 63 000 » en décembre 2023, selon l'adjoint à la maire.",
    ),
    ("social-homes-renovated", 2021, 4500.0, FINAL, CCC, "", ""),
    ("household-waste", 2010, 483.0, FINAL, CCC, "", ""),
    ("household-waste", 2022, 450.0, FINAL, CCC, "", ""),
    ("on-street-parking", 2023, 120000.0, FINAL, CCC, "", ""),
    ("cool-islands-day", 2018, 800.0, FINAL, PRESS, "“More than 800”.", "« Plus de 800 »."),
    ("cool-islands-night", 2018, 150.0, FINAL, PRESS, "", ""),
    (
        "climate-charter",
        2022,
        73.0,
        FINAL,
        CCC,
        "Signed between 2012 and 2022.",
        "Signée entre 2012 et 2022.",
    ),
    (
        "climate-pact",
        2022,
        52.0,
        FINAL,
        PRESS,
        "Signed on 22 November 2022.",
        "Signé le 22 novembre 2022.",
    ),
    ("heatwave-registry", 2013, 20000.0, FINAL, PRESS, "Chalex.", "Chalex."),
    ("heatwave-registry", 2018, 8000.0, FINAL, PRESS, "", ""),
    ("heatwave-registry", 2019, 7500.0, FINAL, PRESS, "REFLEX.", "REFLEX."),
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
    for slug, year, value, status, source, note, note_fr in VALUES:
        IndicatorValue.objects.create(
            indicator=indicators[slug],
            year=year,
            value=value,
            status=status,
            source_citation=source,
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
