"""Demo content of the footprint calculator, added by `manage.py setup_demo` (make demo): residents' saved
footprints in several arrondissements, some with an action plan, so that the page of figures per
arrondissement shows figures for some (10 people or more) and "fewer than 10" for others; and Camille's
(the demo volunteer) footprint and plan.

The residents are accounts that cannot sign in (no password). Their answers vary with a fixed seed; each
footprint and each saving is computed by the model, as for anyone.
"""

import random

from django.db import transaction

from mobilization.accounts.models import User
from mobilization.footprint import actions, plans
from mobilization.footprint.models import PersonalPlan, PersonalPlanItem, SavedFootprint
from mobilization.footprint.saving import save_footprint
from mobilization.territory.models import District

DEMO_DOMAIN = "demo.climat.test"
# Arrondissement number → (people who saved a footprint, of whom with an action plan).
PEOPLE = {11: (14, 11), 18: (12, 5), 20: (10, 10), 4: (6, 4), 15: (3, 1)}
# A few answers that move the footprint most, and the values the residents give.
ANSWERS = {
    "logement . type": ("'appartement'", "'maison'"),
    "logement . surface": (25, 40, 55, 70, 95),
    "logement . habitants": (1, 2, 3, 4),
    "transport . voiture . km": (500, 1000, 5000, 12000),
    "transport . avion . usager": ("'jamais'", "'occasionnellement'", "'fréquemment'"),
    "alimentation . plats . viande rouge . nombre": (0, 1, 3, 5),
    "alimentation . plats . végétarien . nombre": (2, 5, 8),
    "alimentation . boisson . chaude . café . nombre": (0, 1, 2, 3),
}


def _situation(rng: random.Random) -> dict:
    return {name: rng.choice(values) for name, values in ANSWERS.items() if rng.random() < 0.8}


def _residents(count: int) -> list[User]:
    """Demo residents who computed their footprint (accounts that cannot sign in)."""
    from allauth.account.models import EmailAddress

    from mobilization.accounts.services import sign_up

    existing = list(User.objects.filter(email__startswith="empreinte-", email__endswith=f"@{DEMO_DOMAIN}"))
    for index in range(len(existing), count):
        email = f"empreinte-{index:03d}@{DEMO_DOMAIN}"
        user = User.objects.create_user(email=email, password=None)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        sign_up(user, display_name=f"Voisin·e {index + 1}", consents_given=["terms", "privacy"])
        existing.append(user)
    return existing[:count]


def plan_actions(user, rng: random.Random, count: int, done: int = 0) -> PersonalPlan:
    """Give the person a plan of `count` of the largest actions that concern them, `done` of them done."""
    situation, footprint = plans.situation_of(user)
    offer = actions.offer(situation)
    plan, _created = PersonalPlan.objects.get_or_create(user=user)
    chosen = offer.actions[: count + 2]
    rng.shuffle(chosen)
    for index, action in enumerate(chosen[:count]):
        status = PersonalPlanItem.Status.DONE if index < done else PersonalPlanItem.Status.PLANNED
        PersonalPlanItem.objects.get_or_create(
            plan=plan, rule=action.rule, defaults={"status": status, "saving_kg": action.saving}
        )
    return plans.synchronise(plan, plans.page(situation, plans.chosen_in(plan), footprint=footprint))


def seed(stdout, **options) -> None:
    """Create the demo content once; return at once when it already exists."""
    if SavedFootprint.objects.exists():
        return
    districts = {d.number: d for d in District.objects.arrondissements()}
    if not districts:
        stdout.write("Footprint: the arrondissements are missing; nothing seeded.")
        return
    rng = random.Random(14)
    residents = iter(_residents(sum(people for people, _ in PEOPLE.values())))
    with transaction.atomic():
        for number, (people, with_plan) in PEOPLE.items():
            for index in range(people):
                person = next(residents)
                save_footprint(person, _situation(rng), district=districts.get(number))
                if index < with_plan:
                    plan_actions(person, rng, count=rng.randint(1, 4), done=rng.randint(0, 1))
        volunteer = User.objects.filter(email=f"volunteer@{DEMO_DOMAIN}").first()
        if volunteer is not None:
            answers = {"logement . surface": 45, "transport . avion . usager": "'occasionnellement'"}
            save_footprint(volunteer, answers, district=districts.get(11))
            plan_actions(volunteer, rng, count=2, done=1)
    stdout.write(
        f"Footprint: {SavedFootprint.objects.count()} saved footprints, "
        f"{PersonalPlan.objects.count()} action plans."
    )
