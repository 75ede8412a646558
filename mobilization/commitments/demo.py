"""Demo content of the commitments pillar, added by `manage.py setup_demo` (make demo): about 60
organisations across the arrondissements, 150 commitments linked to the Climate Plan's objectives, and
several years of progress reports in mixed states (verified, self-declared, questioned, missing).

Everything is built in memory and written with `bulk_create` (a few thousand rows in well under a
second); each commitment's status and figures are computed with the same functions the platform uses
(`services.status_from`, `services.progress_percent`), so the demo shows what the platform would show.
The demo's representative (organisation@demo.climat.test) represents three organisations, one of them
awaiting verification by the demo's staff. Five coalitions gather verified organisations (a lead or two,
members, a request awaiting a lead's answer), each with two commitments of its own. Three charter levels
are configured (signatory, committed, exemplary).
"""

import random
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mobilization.commitments import periods, running, services
from mobilization.commitments.models import (
    CharterLevel,
    Coalition,
    CoalitionMembership,
    Commitment,
    InterimTarget,
    Organisation,
    ProgressReport,
    Representation,
)
from mobilization.core.themes import Theme

DEMO_DOMAIN = "demo.climat.test"
K, S = Organisation.Kind, Organisation.SizeBand

# (name, kind, size band): plausible, invented organisations of Paris.
ORGANISATIONS = [
    ("Boulangerie Le Fournil de Belleville", K.COMPANY, S.MICRO),
    ("Café Le Terminus", K.COMPANY, S.MICRO),
    ("Imprimerie Verte du Marais", K.COMPANY, S.SMALL),
    ("Atelier Vélo Solidaire", K.ASSOCIATION, S.MICRO),
    ("Hôtel des Canaux", K.COMPANY, S.SMALL),
    ("Coopérative Bio Oberkampf", K.COMPANY, S.SMALL),
    ("Cabinet d'architectes Lumen", K.COMPANY, S.SMALL),
    ("Théâtre de la Butte", K.ASSOCIATION, S.SMALL),
    ("Lycée Voltaire", K.SCHOOL, S.MEDIUM),
    ("Collège Georges-Brassens", K.SCHOOL, S.MEDIUM),
    ("École élémentaire Ménilmontant", K.SCHOOL, S.SMALL),
    ("Université Paris Rive Gauche (campus Tolbiac)", K.SCHOOL, S.VERY_LARGE),
    ("Bailleur social Habitat Parisien", K.PUBLIC_BODY, S.LARGE),
    ("Mairie du 11e arrondissement", K.PUBLIC_BODY, S.MEDIUM),
    ("Hôpital Saint-Antoine (site démonstration)", K.PUBLIC_BODY, S.VERY_LARGE),
    ("Musée des Arts Urbains", K.PUBLIC_BODY, S.MEDIUM),
    ("Régie de quartier Goutte d'Or", K.ASSOCIATION, S.SMALL),
    ("Banque Alimentaire du Nord-Est parisien", K.ASSOCIATION, S.SMALL),
    ("Ressourcerie La Petite Rockette (démo)", K.ASSOCIATION, S.SMALL),
    ("Les Jardins Partagés du 20e", K.ASSOCIATION, S.MICRO),
    ("Club de football du 13e", K.ASSOCIATION, S.SMALL),
    ("Fédération des commerçants de la rue Cler", K.ASSOCIATION, S.MICRO),
    ("Grand Magasin Rivoli", K.COMPANY, S.VERY_LARGE),
    ("Siège social Énergies Futures SA", K.COMPANY, S.LARGE),
    ("Start-up Recyclab", K.COMPANY, S.MICRO),
    ("Agence de communication Ciel Bleu", K.COMPANY, S.SMALL),
    ("Garage électrique de la Villette", K.COMPANY, S.MICRO),
    ("Laverie Écolo Montparnasse", K.COMPANY, S.MICRO),
    ("Restaurant Le Potager de Charonne", K.COMPANY, S.MICRO),
    ("Traiteur Saveurs du Monde", K.COMPANY, S.SMALL),
    ("Librairie des Abbesses", K.COMPANY, S.MICRO),
    ("Cinéma Le Grand Écran Bastille", K.COMPANY, S.SMALL),
    ("Crèche associative Les Petits Pas", K.ASSOCIATION, S.MICRO),
    ("Centre social Belleville", K.ASSOCIATION, S.SMALL),
    ("Conservatoire municipal du 15e", K.PUBLIC_BODY, S.SMALL),
    ("Piscine Georges-Vallerey (exploitant démo)", K.PUBLIC_BODY, S.SMALL),
    ("Bureau d'études Thermique+", K.COMPANY, S.SMALL),
    ("Transporteur urbain Cargo Paris", K.COMPANY, S.MEDIUM),
    ("Société de livraison à vélo Rapido", K.COMPANY, S.SMALL),
    ("Clinique vétérinaire des Batignolles", K.COMPANY, S.MICRO),
    ("Pharmacie du Faubourg", K.COMPANY, S.MICRO),
    ("Hôtel Grand Opéra", K.COMPANY, S.MEDIUM),
    ("Compagnie d'assurances Horizon", K.COMPANY, S.LARGE),
    ("Cabinet d'avocats Vert & Associés", K.COMPANY, S.SMALL),
    ("Maison des associations du 14e", K.PUBLIC_BODY, S.MICRO),
    ("Lycée professionnel Jean-Jaurès", K.SCHOOL, S.MEDIUM),
    ("École de design Arts & Formes", K.SCHOOL, S.SMALL),
    ("Association Paris Zéro Déchet (démo)", K.ASSOCIATION, S.MICRO),
    ("Amicale des locataires Porte de Vanves", K.ASSOCIATION, S.MICRO),
    ("Fromagerie de la Place d'Italie", K.COMPANY, S.MICRO),
    ("Marché couvert Saint-Quentin (gestionnaire)", K.COMPANY, S.SMALL),
    ("Fondation Climat Jeunesse", K.OTHER, S.SMALL),
    ("Syndicat de copropriété Résidence Bercy", K.OTHER, S.MICRO),
    ("Paroisse Saint-Ambroise", K.OTHER, S.MICRO),
    ("Data center Paris-Est (démo)", K.COMPANY, S.MEDIUM),
    ("Salle d'escalade Bloc Nord", K.COMPANY, S.SMALL),
    ("Brasserie artisanale du Canal", K.COMPANY, S.MICRO),
    ("Centre sportif universitaire Jussieu", K.SCHOOL, S.MEDIUM),
    ("Office de tourisme de démonstration", K.PUBLIC_BODY, S.SMALL),
    ("Mutuelle des artisans parisiens", K.COMPANY, S.MEDIUM),
]

# (theme, title, indicator, unit, direction, baseline range, change by the target (%), scope, objective).
CD = Commitment.Direction
TEMPLATES = [
    (
        Theme.ENERGY,
        "Réduire notre consommation d'énergie",
        "Consommation d'énergie des locaux",
        "MWh",
        CD.DOWN,
        (40, 4000),
        -40,
        "own_operations",
        "energy-use-buildings",
    ),
    (
        Theme.ENERGY,
        "Baisser les émissions de nos bâtiments",
        "Émissions de gaz à effet de serre (scopes 1 et 2)",
        "tCO2e",
        CD.DOWN,
        (10, 2500),
        -50,
        "own_operations",
        "local-emissions-tertiary",
    ),
    (
        Theme.ENERGY,
        "Passer à l'électricité renouvelable",
        "Part d'électricité d'origine renouvelable",
        "%",
        CD.UP,
        (5, 40),
        150,
        "own_operations",
        "district-heating-renewable-share",
    ),
    (
        Theme.MOBILITY,
        "Verdir les déplacements de l'équipe",
        "Part des trajets domicile-travail à pied, à vélo ou en transports",
        "%",
        CD.UP,
        (40, 70),
        30,
        "own_operations",
        "cycling",
    ),
    (
        Theme.MOBILITY,
        "Électrifier notre flotte de véhicules",
        "Émissions de la flotte de véhicules",
        "tCO2e",
        CD.DOWN,
        (5, 600),
        -70,
        "own_operations",
        "local-emissions-road",
    ),
    (
        Theme.FOOD,
        "Servir des repas moins carnés",
        "Émissions liées aux repas servis",
        "tCO2e",
        CD.DOWN,
        (5, 900),
        -30,
        "supply_chain",
        "carbon-footprint-food",
    ),
    (
        Theme.FOOD,
        "Acheter local et de saison",
        "Part des achats alimentaires locaux et bio",
        "%",
        CD.UP,
        (10, 35),
        100,
        "supply_chain",
        "carbon-footprint-food",
    ),
    (
        Theme.WASTE_AND_REPAIR,
        "Réduire nos déchets",
        "Déchets produits",
        "tonnes",
        CD.DOWN,
        (2, 300),
        -35,
        "own_operations",
        "household-waste",
    ),
    (
        Theme.WASTE_AND_REPAIR,
        "Réparer et réemployer plutôt que jeter",
        "Part des équipements réparés ou réemployés",
        "%",
        CD.UP,
        (5, 30),
        120,
        "own_operations",
        "carbon-footprint-consumption",
    ),
    (
        Theme.GREENING,
        "Végétaliser nos espaces",
        "Surface végétalisée",
        "m²",
        CD.UP,
        (20, 2000),
        80,
        "territory",
        "cool-islands",
    ),
    (
        Theme.CONSUMPTION,
        "Des achats plus sobres",
        "Émissions des achats de biens et services",
        "tCO2e",
        CD.DOWN,
        (20, 3000),
        -25,
        "supply_chain",
        "carbon-footprint-consumption",
    ),
    (
        Theme.WATER,
        "Économiser l'eau",
        "Consommation d'eau",
        "m³",
        CD.DOWN,
        (200, 40000),
        -20,
        "own_operations",
        "",
    ),
    (
        Theme.EDUCATION,
        "Former toute l'équipe au climat",
        "Part des salariés et bénévoles formés (Fresque du Climat…)",
        "%",
        CD.UP,
        (0, 15),
        None,
        "own_operations",
        "",
    ),
]
# Big organisations report their energy in the plan's own unit, so that the objective's page can sum them.
BIG_ENERGY = (
    Theme.ENERGY,
    "Réduire la consommation d'énergie de notre parc",
    "Consommation d'énergie du parc immobilier",
    "TWh",
    CD.DOWN,
    (0.05, 0.4),
    -35,
    "own_operations",
    "energy-use",
)
NARRATIVES = [
    "Isolation des combles et remplacement de la chaudière au fioul par une pompe à chaleur.",
    "Sensibilisation de l'équipe, extinction des écrans la nuit, sobriété en hiver (19 °C).",
    "Nouveau contrat de fourniture avec un fournisseur d'électricité verte.",
    "Les chiffres incluent désormais notre second site, ouvert en cours d'année.",
    "Mise en place du tri à la source et d'un composteur collectif avec nos voisins.",
    "Changement de prestataire de restauration : deux repas végétariens par semaine.",
    "Achat de trois vélos-cargos en remplacement des utilitaires diesel.",
    "Travaux retardés par les délais d'approvisionnement ; reprise prévue au printemps.",
]


# (name, theme, description, indices in TEMPLATES of its two commitments)
COALITIONS = [
    (
        "Commerces zéro déchet du 11e",
        Theme.WASTE_AND_REPAIR,
        "Des commerces de proximité qui réduisent ensemble leurs emballages et leurs déchets résiduels.",
    ),
    (
        "Hôtels et cafés sobres en énergie",
        Theme.ENERGY,
        "Hôteliers et cafetiers mutualisent audits énergétiques, électricité verte et bonnes pratiques.",
    ),
    (
        "Alliance des livraisons propres",
        Theme.MOBILITY,
        "Entreprises et associations qui livrent désormais en vélo-cargo et en véhicules électriques.",
    ),
    (
        "Cantines durables de l'Est parisien",
        Theme.FOOD,
        "Écoles, associations et restaurants qui servent des repas plus végétaux, locaux et de saison.",
    ),
    (
        "Réseau des lieux culturels engagés",
        Theme.CONSUMPTION,
        "Théâtres, librairies et ateliers qui réduisent l'empreinte de leurs activités et de leurs publics.",
    ),
]


def _account(local: str):
    from mobilization.accounts.models import User

    return User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


@transaction.atomic
def seed(stdout, **options) -> None:
    """Create the demo content once; return at once when it already exists."""
    from mobilization.plan.models import Objective
    from mobilization.territory.models import District

    if Organisation.objects.exists():
        return
    representative = _account("organisation")
    arrondissements = list(District.objects.arrondissements())
    objectives = {objective.slug: objective for objective in Objective.objects.all()}
    today = services.today()
    generator = random.Random(2026)  # noqa: S311 - demo data, not secrets
    organisations = _organisations(generator, arrondissements)
    Organisation.objects.bulk_create(organisations)
    if representative is not None:
        Representation.objects.bulk_create(
            Representation(organisation=organisation, user=representative)
            for organisation in organisations[:3]
        )
    plans = _commitments(generator, organisations, today)
    _save_plans(plans)
    reports = [report for plan in plans for report in plan["reports"]]
    _charter_levels()
    coalition_plans = _coalitions(generator, organisations, today)
    _save_plans(coalition_plans)
    links = Commitment.objectives.through
    links.objects.bulk_create(
        links(commitment_id=plan["commitment"].pk, objective_id=objectives[plan["objective"]].pk)
        for plan in [*plans, *coalition_plans]
        if plan["objective"] in objectives
    )
    run = running.seed_demo(generator, [o for o in organisations if o.is_verified])
    stdout.write(
        f"Commitments: {len(organisations)} organisations, {len(plans)} commitments, {len(reports)} reports,"
        f" {len(COALITIONS)} coalitions, {run} initiatives run by organisations."
    )


# (order, French name, English name, active commitments, verified reports, % on track)
CHARTER_LEVELS = [
    (1, "Signataire", "Signatory", 1, 0, 0),
    (2, "Engagée", "Committed", 2, 3, 50),
    (3, "Exemplaire", "Exemplary", 3, 8, 75),
]


def _charter_levels() -> None:
    CharterLevel.objects.bulk_create(
        CharterLevel(
            order=order,
            name=french,
            name_fr=french,
            name_en=english,
            min_active_commitments=active,
            min_verified_reports=verified,
            min_share_on_track=share,
        )
        for order, french, english, active, verified, share in CHARTER_LEVELS
    )


def _save_plans(plans: list[dict]) -> None:
    commitments = [plan["commitment"] for plan in plans]
    for commitment in commitments:  # bulk_create skips save(), which sets it
        commitment.is_public = commitment.shows_in_registry()
    Commitment.objects.bulk_create(commitments)
    for model, key in ((InterimTarget, "interim"), (ProgressReport, "reports")):
        items = [item for plan in plans for item in plan[key]]
        for item in items:
            item.commitment_id = item.commitment.pk
        model.objects.bulk_create(items, batch_size=1000)


def _coalitions(generator, organisations, today: date) -> list[dict]:
    """Five coalitions: one or two leads, four to eight members, a request waiting in most; each makes
    two commitments of its own (from the organisations' templates of its theme first)."""
    verified = [organisation for organisation in organisations if organisation.is_verified]
    now = timezone.now()
    plans = []
    for index, (name, theme, description) in enumerate(COALITIONS):
        coalition = Coalition.objects.create(
            name=name, slug=slugify(name)[:80], theme=theme, description=description
        )
        chosen = generator.sample(verified, generator.randint(5, 9) + (index % 2))
        leads, members, waiting = chosen[: 1 + index % 2], chosen[1 + index % 2 : -1], chosen[-1:]
        CoalitionMembership.objects.bulk_create(
            [
                *(
                    CoalitionMembership(
                        coalition=coalition,
                        organisation=organisation,
                        is_lead=True,
                        status=CoalitionMembership.Status.APPROVED,
                        decided_at=now,
                    )
                    for organisation in leads
                ),
                *(
                    CoalitionMembership(
                        coalition=coalition,
                        organisation=organisation,
                        status=CoalitionMembership.Status.APPROVED,
                        decided_at=now,
                    )
                    for organisation in members
                ),
                *(
                    CoalitionMembership(coalition=coalition, organisation=organisation)
                    for organisation in (waiting if index != 4 else [])
                ),
            ]
        )
        fitting = [template for template in TEMPLATES if template[0] == theme]
        chosen_templates = generator.sample(fitting, min(2, len(fitting)))
        others = [template for template in TEMPLATES if template[0] != theme]
        chosen_templates += generator.sample(others, 2 - len(chosen_templates))
        for number, template in enumerate(chosen_templates):
            plan = _plan(generator, None, template, today, 1000 + index * 2 + number)
            plan["commitment"].coalition = coalition
            plans.append(plan)
    return plans


def _organisations(generator, arrondissements) -> list[Organisation]:
    now = timezone.now()
    organisations = []
    for index, (name, kind, size) in enumerate(ORGANISATIONS):
        # The third awaits verification: the demo's staff can verify it.
        status = Organisation.Status.PENDING if index == 2 else Organisation.Status.VERIFIED
        organisations.append(
            Organisation(
                name=name,
                slug=slugify(name)[:80],
                kind=kind,
                size_band=size,
                district=generator.choice(arrondissements) if arrondissements else None,
                website=f"https://{slugify(name)[:30]}.example.org",
                description="Organisation fictive de la démonstration.",
                status=status,
                verified_at=now if status == Organisation.Status.VERIFIED else None,
            )
        )
    return organisations


def _commitments(generator, organisations, today: date) -> list[dict]:
    verified = [organisation for organisation in organisations if organisation.is_verified]
    plans = []
    for index in range(150):
        organisation = (
            verified[index % len(verified)] if index < len(verified) else generator.choice(verified)
        )
        big = organisation.size_band in (S.LARGE, S.VERY_LARGE)
        template = BIG_ENERGY if big and index % 4 == 0 else generator.choice(TEMPLATES)
        plans.append(_plan(generator, organisation, template, today, index))
    return plans


def _plan(generator, organisation, template, today: date, index: int) -> dict:
    theme, title, indicator, unit, direction, (low, high), change, scope, objective = template
    baseline_year = generator.choice([2018, 2019, 2019, 2020, 2021, 2022])
    baseline = round(generator.uniform(low, high), 3 if unit == "TWh" else 1)
    target_year = generator.choice([2027, 2030, 2030, 2030, 2035])
    if unit == "%" and change is None:
        target = 100.0
    elif unit == "%":
        target = min(100.0, round(baseline * (1 + change / 100), 1))
    else:
        target = round(baseline * (1 + change / 100), 3 if unit == "TWh" else 1)
    frequency = "yearly" if index % 10 else generator.choice(["half_yearly", "quarterly"])
    fields = {
        "organisation": organisation,
        "title": title,
        "indicator": indicator,
        "unit": unit,
        "theme": theme,
        "scope": scope,
        "direction": direction,
        "baseline_year": baseline_year,
        "baseline_value": baseline,
        "target_year": target_year,
        "target_value": target,
        "reporting_frequency": frequency,
        "starts_on": date(baseline_year + 1, 1, 1),
    }
    probe = Commitment(**fields)  # what the figures are judged against, before the row is made
    interim = []
    if target_year - baseline_year > 6:
        middle = (baseline_year + target_year) // 2
        interim.append(InterimTarget(year=middle, value=round((baseline + target) / 2, 3)))
    # How the organisation fares: a steady pace towards its target, faster, slower, or the wrong way.
    pace = generator.choice([1.0, 1.0, 1.2, 0.6, 0.3, -0.2])
    stops = generator.random() < 0.08  # its latest report is missing
    reports = []
    due = periods.periods_due(probe.starts_on, frequency, today, until=today)
    for position, period in enumerate(due):
        if stops and position == len(due) - 1:
            break
        elapsed = (period.ends.year - baseline_year) + period.part / period.parts - 0.5
        share = pace * elapsed / (target_year - baseline_year)
        noise = generator.uniform(-0.03, 0.03) * abs(target - baseline)
        value = baseline + (target - baseline) * share + noise
        value = round(max(0.0, value), 3 if unit == "TWh" else 1)
        is_last = position == len(due) - 1
        status = ProgressReport.Status.VERIFIED
        if is_last:
            status = generator.choice(
                [
                    ProgressReport.Status.SUBMITTED,
                    ProgressReport.Status.VERIFIED,
                    ProgressReport.Status.MORE_INFORMATION,
                ]
            )
        submitted = timezone.make_aware(datetime.combine(period.due, time(10)))
        reports.append(
            ProgressReport(
                period=period.code,
                year=period.year,
                value=value,
                narrative=generator.choice(NARRATIVES),
                status=status,
                submitted_at=submitted,
                reviewed_at=submitted if status == ProgressReport.Status.VERIFIED else None,
                review_comment=(
                    "Merci de joindre la facture d'énergie ou l'attestation correspondante."
                    if status == ProgressReport.Status.MORE_INFORMATION
                    else ""
                ),
            )
        )
    status = services.status_from(probe, reports, today, interim_targets=interim)
    if index % 37 == 5:
        status = Commitment.Status.WITHDRAWN
        fields["withdrawal_reason"] = "Activité cédée à une autre entreprise."
    points = services.yearly_points(reports)
    verified = services.yearly_points(reports, verified_only=True)
    latest = points[-1].value if points else None
    commitment = Commitment(
        **fields,
        status=status,
        latest_value=latest,
        latest_verified_value=verified[-1].value if verified else None,
        progress_percent=services.progress_percent(probe, latest),
    )
    for item in [*interim, *reports]:
        item.commitment = commitment
    return {"commitment": commitment, "interim": interim, "reports": reports, "objective": objective}
